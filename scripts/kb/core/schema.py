"""The catalogue's record types: one pydantic class per record, one docstring line per field.

The docstrings are what a maintainer sees when hovering a field in an editor (through
catalogue/schema.json), so they are written in Chinese.
"""
from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

TITLE_MAX = 24

Text = Annotated[str, StringConstraints(min_length=1)]
Title = Annotated[str, StringConstraints(min_length=1, max_length=TITLE_MAX)]
ProblemId = Annotated[str, StringConstraints(pattern=r"^P\d{3,}$")]
AreaId = Annotated[str, StringConstraints(pattern=r"^A\d{2,}$")]
TypeId = Annotated[str, StringConstraints(pattern=r"^T\d+$")]
CauseId = Annotated[str, StringConstraints(pattern=r"^C\d{2,}$")]
MeasureId = Annotated[str, StringConstraints(pattern=r"^M\d{2,}$")]
SourceId = Annotated[str, StringConstraints(pattern=r"^S\d+$")]
TermId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


def _number_as_text(value):
    # Maintainers naturally write item refs like 23 unquoted; they are names, not numbers.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


ItemRef = Annotated[str, BeforeValidator(_number_as_text), StringConstraints(min_length=1)]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True, frozen=True)


class SourceRef(Record):
    """对来源文件条目的引用。"""

    source: SourceId
    """来源文件编号，S1–S5。"""
    items: list[ItemRef] = Field(min_length=1)
    """该文件中的条目编号，如 '23'、p4、f5.5、m2。"""


class Example(Record):
    """典型情形：一个具体、可信的工作场景。"""

    title: Title
    """情形的短标题。"""
    text: Text
    """情形的叙述：谁、发生了什么、哪里出了问题。"""


class Problem(Record):
    """问题：一个治理问题的完整条目（文件 problems/P001.yaml）。"""

    id: ProblemId
    """问题编号：P 加至少 3 位数字，与文件名一致，永不复用。"""
    title: Title
    """简短名称，用人们常说的说法。"""
    summary: Text
    """一到三句话：这个问题是什么（用自己的话写）。"""
    types: list[TypeId] = Field(min_length=1)
    """表现类型：T1 不想为、T2 不敢为、T3 不会为，至少一个。"""
    areas: list[AreaId] = Field(min_length=1)
    """所属治理领域，第一个是主要领域。"""
    symptoms: list[Text] = Field(min_length=3)
    """具体表现：可观察到的行为，至少 3 条。"""
    examples: list[Example] = Field(min_length=1)
    """典型情形，至少 1 个。"""
    causes: list[CauseId] = Field(min_length=1)
    """成因编号。"""
    analysis: Text | None = None
    """可选：这些成因如何导致这个问题。"""
    countermeasures: list[MeasureId] = Field(min_length=1)
    """整改措施编号。"""
    actions: list[Text] = []
    """可选：针对这个问题的具体整改步骤。"""
    distinguish: Text | None = None
    """可选：与正当做法、与相近问题的区别。"""
    related: list[ProblemId] = []
    """相关问题编号。"""
    keywords: list[Text] = []
    """人们会搜索的词：俗称、同义说法、常见变体。"""
    aliases: list[Text] = []
    """可选：人们对这个问题的其他叫法（口语、网络用语、惯用语、简短说法），页面上以“又称”列出，搜索时与标题同等看待。"""
    misspellings: list[Text] = []
    """可选：标题或关键词中词语的常见输入错误（拼音输入法的同音误选），只供搜索纠正，页面上不显示。"""
    sources: list[SourceRef] = Field(min_length=1)
    """来源条目。"""
    status: Literal["active"] = "active"
    """状态：active（有效）。停用的问题见 RetiredProblem。"""


class RetiredProblem(Record):
    """已停用的问题：编号保留，页面指向接替它的问题。"""

    id: ProblemId
    """问题编号，永不复用。"""
    title: Title
    """原来的名称。"""
    summary: Text
    """一句话说明为什么停用、并入了哪里。"""
    status: Literal["retired"]
    """状态：retired（已停用）。"""
    replaced_by: ProblemId
    """接替它的有效问题编号。"""
    retired: datetime.date | None = None
    """可选：停用日期。"""
    keywords: list[Text] = []
    """可选：旧的搜索词。"""
    sources: list[SourceRef] = []
    """可选：原来的来源条目。"""


class Area(Record):
    """治理领域。"""

    id: AreaId
    """领域编号：A 加两位数字。"""
    title: Title
    """领域名称。"""
    summary: Text
    """一两句话：这个领域涵盖什么。"""
    text: Text | None = None
    """可选：较长的说明。"""
    sources: list[SourceRef] = []
    """它吸收的来源分组（各文件的“方面”“领域”等）。"""


class ManifestationType(Record):
    """表现类型：不想为、不敢为、不会为。"""

    id: TypeId
    """类型编号：T1、T2、T3。"""
    title: Title
    """类型名称。"""
    summary: Text
    """一两句话概括。"""
    text: Text | None = None
    """可选：较长的说明。"""
    sources: list[SourceRef] = []
    """来源条目。"""


class Cause(Record):
    """成因。"""

    id: CauseId
    """成因编号：C 加两位数字。"""
    title: Title
    """成因名称。"""
    aliases: list[Text] = []
    """可选：人们对它的其他叫法，页面上以“又称”列出，搜索时与标题同等看待。"""
    summary: Text
    """一两句话概括。"""
    text: Text | None = None
    """较完整的说明：它如何起作用、如何识别。"""
    sources: list[SourceRef] = []
    """来源条目。"""


Level = Literal["organization", "leadership", "individual"]


class Countermeasure(Record):
    """整改措施。"""

    id: MeasureId
    """措施编号：M 加两位数字。"""
    title: Title
    """措施名称。"""
    aliases: list[Text] = []
    """可选：人们对它的其他叫法，页面上以“又称”列出，搜索时与标题同等看待。"""
    summary: Text
    """一两句话概括。"""
    text: Text | None = None
    """较完整的说明：做什么、谁来做、怎样检验。"""
    levels: list[Level] = Field(min_length=1)
    """作用层面：organization（组织）、leadership（领导班子）、individual（干部个人）。"""
    causes: list[CauseId] = []
    """它针对的成因编号。"""
    sources: list[SourceRef] = []
    """来源条目。"""


class Term(Record):
    """术语。"""

    id: TermId
    """术语编号：小写拼音，用连字符分隔，如 zhong-geng-zu。"""
    term: Title
    """术语本身。"""
    aliases: list[Text] = []
    """可选：其他写法。"""
    definition: Text
    """一到三句话的释义。"""


ItemKind = Literal["area", "problem", "cause", "countermeasure", "safeguard", "type", "principle"]


class SourceItem(Record):
    """来源文件中的一个编号条目。"""

    ref: ItemRef
    """条目编号，与 items.yaml 一致。"""
    kind: ItemKind
    """条目类别：area、problem、cause、countermeasure、safeguard、type、principle。"""
    title: Title
    """我们为这个条目起的短标题。"""


class Source(Record):
    """来源文件。"""

    id: SourceId
    """来源编号：S1–S5。"""
    title: Title
    """我们为这份文件起的短标题。"""
    genre: Title
    """文件类别，如 问题清单、实施方案。"""
    summary: Text
    """一两句话介绍这份文件。"""
    items: list[SourceItem] = Field(min_length=1)
    """文件中的编号条目，按原文顺序。"""


class Meta(Record):
    """目录的版本信息（meta.yaml）。"""

    title: Title
    """知识库名称。"""
    version: Annotated[str, StringConstraints(pattern=r"^\d+\.\d+(\.\d+)?$")]
    """目录版本号，如 1.0 或 1.2.3。"""
    released: datetime.date
    """发布日期，YYYY-MM-DD。"""


class AreasFile(Record):
    """areas.yaml"""

    areas: list[Area] = Field(min_length=1)
    """治理领域列表。"""


class TypesFile(Record):
    """types.yaml"""

    types: list[ManifestationType] = Field(min_length=1)
    """表现类型列表。"""


class CausesFile(Record):
    """causes.yaml"""

    causes: list[Cause] = Field(min_length=1)
    """成因列表。"""


class CountermeasuresFile(Record):
    """countermeasures.yaml"""

    countermeasures: list[Countermeasure] = Field(min_length=1)
    """整改措施列表。"""


class GlossaryFile(Record):
    """glossary.yaml"""

    terms: list[Term] = Field(min_length=1)
    """术语列表。"""


class SourcesFile(Record):
    """sources.yaml"""

    sources: list[Source] = Field(min_length=1)
    """来源文件列表。"""


# File name → the model of the whole file, for the single files of the catalogue.
SINGLE_FILES: dict[str, type[Record]] = {
    "meta.yaml": Meta,
    "areas.yaml": AreasFile,
    "types.yaml": TypesFile,
    "causes.yaml": CausesFile,
    "countermeasures.yaml": CountermeasuresFile,
    "sources.yaml": SourcesFile,
    "glossary.yaml": GlossaryFile,
}

EDITOR_MODELS: list[type[Record]] = [
    Problem, RetiredProblem, *SINGLE_FILES.values(),
]
