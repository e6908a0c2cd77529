"""The catalogue's record types: one pydantic class per record, one docstring line per field.

The docstrings are what a maintainer sees when hovering a field in an editor (through
catalogue/schema.json), so they are written in Chinese.
"""
from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, field_validator
from pydantic_core import PydanticCustomError

TITLE_MAX = 24
SELF_CHECK_MIN, SELF_CHECK_MAX = 2, 4

Text = Annotated[str, StringConstraints(min_length=1)]
Title = Annotated[str, StringConstraints(min_length=1, max_length=TITLE_MAX)]
# Id formats by entry kind: the pattern the schema checks, and how a message tells the maintainer.
# [0-9], not \d: pydantic's \d also accepts full-width and other Unicode digits.
ID_FORMATS = {
    "problem": (r"^P[0-9]{3,}$", "P 加至少 3 位数字，如 P012"),
    "area": (r"^A[0-9]{2,}$", "A 加两位数字，如 A05"),
    "type": (r"^T[0-9]+$", "T 加数字，如 T1"),
    "family": (r"^F[0-9]+$", "F 加数字，如 F2"),
    "cause": (r"^C[0-9]{2,}$", "C 加两位数字，如 C02"),
    "countermeasure": (r"^M[0-9]{2,}$", "M 加两位数字，如 M03"),
    "source": (r"^S[0-9]+$", "S 加数字，如 S1"),
    "term": (r"^[a-z0-9]+(-[a-z0-9]+)*$", "小写拼音加连字符，如 zhong-geng-zu"),
}


def _id(kind: str):
    return Annotated[str, StringConstraints(pattern=ID_FORMATS[kind][0])]


ProblemId = _id("problem")
AreaId = _id("area")
TypeId = _id("type")
FamilyId = _id("family")
CauseId = _id("cause")
MeasureId = _id("countermeasure")
SourceId = _id("source")
TermId = _id("term")


def _number_as_text(value):
    # Maintainers naturally write item refs like 23 unquoted; they are names, not numbers.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


ItemRef = Annotated[str, BeforeValidator(_number_as_text), StringConstraints(min_length=1)]

# A public document's year: the Party's founding year at the earliest, never in the future.
FIRST_YEAR = 1921


def _latest_year() -> int:
    return datetime.date.today().year


Year = Annotated[int, Field(strict=True, ge=FIRST_YEAR)]

# Every active problem needs this many examples, in different settings (township, county office,
# service window …), so a trainer can teach from more than one case.
MIN_EXAMPLES = 2
MAX_FAMILIES = 2


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True, frozen=True)


class SourceRef(Record):
    """对来源文件条目的引用。"""

    source: SourceId
    """来源文件编号，S1–S5。"""
    items: list[ItemRef] = Field(min_length=1)
    """该文件中的条目编号，如 '23'、p4、f5.5、m2。"""


class Reference(Record):
    """来源文件以外的公开文件：条目写得比来源文件多、有所依据时，注明所依据的文件。"""

    issuer: Text
    """发文机关，如 中共中央办公厅。"""
    title: Text
    """文件名称，不加书名号，如 关于进一步激励广大干部新时代新担当新作为的意见。"""
    year: Year
    """发布年份，四位数字，如 2018。"""
    note: Text | None = None
    """可选：条目的哪一部分以这份文件为依据。"""

    @field_validator("year")
    @classmethod
    def _not_in_future(cls, year: int) -> int:
        if year > _latest_year():
            raise PydanticCustomError("year_in_future", "年份 {year} 晚于今年",  {"year": year})
        return year


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
    types: list[TypeId]
    """表现类型：T1 不想为、T2 不敢为、T3 不会为，只写确实适用的；都不适用时写 []。"""
    families: list[FamilyId] = Field(min_length=1, max_length=MAX_FAMILIES)
    """问题类别编号（见 families.yaml，如 F2 形式主义），一到两个，第一个是主要类别。"""
    areas: list[AreaId] = Field(min_length=1)
    """所属治理领域，第一个是主要领域。"""
    symptoms: list[Text] = Field(min_length=3)
    """具体表现：可观察到的行为，至少 3 条。"""
    self_check: list[Text] = Field(min_length=SELF_CHECK_MIN, max_length=SELF_CHECK_MAX)
    """自查提示：2–4 个可以对照作答的问题（如“近一年本人是否……？”），显示在对照检视页面。"""
    examples: list[Example] = Field(min_length=MIN_EXAMPLES)
    """典型情形（示例情形，非真实案例），至少 2 个，场景各不相同（乡镇、县直部门、服务窗口、涉企部门……）。"""
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
    references: list[Reference] = []
    """可选：来源文件以外所依据的公开文件（发文机关、名称、年份），页面上与来源条目分开显示。"""
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


class Family(Record):
    """问题类别：按来源文件自己的大类（形式主义、官僚主义、不担当不作为等）给问题分类，与表现类型并列。"""

    id: FamilyId
    """类别编号：F 加数字，如 F2。"""
    title: Title
    """类别名称。"""
    summary: Text
    """一两句话：这一类问题是什么。"""
    sources: list[SourceRef] = []
    """来源文件中提出这一大类的条目。"""


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
    references: list[Reference] = []
    """可选：来源文件以外所依据的公开文件（发文机关、名称、年份），页面上与来源条目分开显示。"""


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
    references: list[Reference] = []
    """可选：来源文件以外所依据的公开文件（发文机关、名称、年份），页面上与来源条目分开显示。"""


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
    references: list[Reference] = []
    """可选：释义所依据的公开文件（发文机关、名称、年份）。"""


ItemKind = Literal["area", "problem", "cause", "countermeasure", "safeguard", "type", "principle"]


class SourceItem(Record):
    """来源文件中的一个编号条目。"""

    ref: ItemRef
    """条目编号，与 items.yaml 一致。"""
    kind: ItemKind
    """条目类别：area、problem、cause、countermeasure、safeguard、type、principle。"""
    title: Title
    """我们为这个条目起的短标题。"""
    heading_only: bool = False
    """可选：true 表示来源原文只有这一条的标题，正文缺失；引用它的条目页面会注明。"""


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
    version: Annotated[str, StringConstraints(pattern=r"^[0-9]+\.[0-9]+(\.[0-9]+)?$")]
    """目录版本号，如 1.0 或 1.2.3。"""
    released: datetime.date
    """发布日期，YYYY-MM-DD。"""


class AreasFile(Record):
    """areas.yaml"""

    areas: list[Area] = Field(min_length=1)
    """治理领域列表。"""


class FamiliesFile(Record):
    """families.yaml"""

    families: list[Family] = Field(min_length=1)
    """问题类别列表。"""


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


# What readers call each field (the changelog, version comparisons); a test keeps it complete.
FIELD_LABELS = {
    "title": "标题", "summary": "概述", "types": "表现类型", "areas": "治理领域", "symptoms": "具体表现",
    "examples": "典型情形", "causes": "成因", "analysis": "成因分析", "countermeasures": "整改措施",
    "actions": "具体做法", "distinguish": "如何区分", "related": "相关问题", "keywords": "关键词",
    "sources": "来源", "status": "状态", "replaced_by": "接替条目", "text": "说明", "levels": "作用层面",
    "items": "条目", "term": "术语", "aliases": "其他写法", "definition": "释义", "genre": "类别",
    "ref": "条目编号", "kind": "条目类别", "retired": "已停用", "source": "来源文件",
    "version": "版本", "released": "发布日期", "self_check": "自查提示", "misspellings": "常见错写",
    "families": "问题类别", "references": "参考的公开文件", "heading_only": "只有标题",
    "issuer": "发文机关", "year": "年份", "note": "说明",
}

# File name → the model of the whole file, for the single files of the catalogue.
SINGLE_FILES: dict[str, type[Record]] = {
    "meta.yaml": Meta,
    "areas.yaml": AreasFile,
    "types.yaml": TypesFile,
    "families.yaml": FamiliesFile,
    "causes.yaml": CausesFile,
    "countermeasures.yaml": CountermeasuresFile,
    "sources.yaml": SourcesFile,
    "glossary.yaml": GlossaryFile,
}

EDITOR_MODELS: list[type[Record]] = [
    Problem, RetiredProblem, *SINGLE_FILES.values(),
]
