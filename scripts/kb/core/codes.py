"""The registry of diagnostic codes: every finding the validator can report, with its level, what it
means, a wrong example and the fix. The maintainer guide's table of codes is generated from here
(the `<!-- kb:codes -->` block of docs/maintain.md), and `Report` refuses a code that is not here.
Each code leads to the module that emits it and to its tests (grep for the code).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    code: str
    level: str       # "error" blocks the build; "warning" fails only under --strict
    meaning: str     # 含义
    example: str     # 错误的写法（示例），Markdown
    fix: str         # 改法，Markdown


CODES: dict[str, Code] = {c.code: c for c in (
    Code('yaml-syntax', 'error', 'YAML 语法错误：缩进不对、引号没闭合、用了 Tab 缩进等',
         '`title: "未闭合`', '补上引号；同一层的键对齐；用空格缩进'),
    Code('bad-character', 'error', '含有 YAML 不允许的控制字符',
         '从网页复制时带进的不可见字符', '删去该字符（编辑器中显示为方框或 `^_`）'),
    Code('duplicate-key', 'error', '同一映射里同一个键写了两次',
         '两行 `title:`', '合并成一个'),
    Code('yaml-tag', 'error', '用了 `!!python/...` 等标签',
         '`id: !!python/object ...`', '只写普通文本、数字、列表、映射'),
    Code('yaml-key', 'error', '键不是简单文本',
         '`[a, b]: 值`', '键写成简单的英文字段名'),
    Code('yaml-value', 'error', '值无法读取，例如不存在的日期',
         '`released: 2026-13-45`', '写成正确的日期；如果是文本，加引号'),
    Code('yaml-too-large', 'error', '锚点和别名展开后过大（别名炸弹）',
         '层层 `&a` / `*a`', '不用锚点和别名，直接写出内容'),
    Code('yaml-too-deep', 'error', '嵌套层数过深',
         '`[[[[…]]]]`', '目录文件只需两三层'),
    Code('yaml-alias', 'error', '别名指向自身',
         '`a: &a [*a]`', '删去锚点和别名'),
    Code('empty-file', 'error', '文件是空的（或只有注释）',
         '新建后忘了填写', '按模板填写，或删去文件'),
    Code('encoding', 'error', '文件不是 UTF-8 编码',
         '用 GBK 保存的文件', '用 UTF-8 另存（BOM 和 Windows 换行都可以）'),
    Code('file-too-large', 'error', '文件超过 8 MB',
         '把大量内容放进一个文件', '拆分内容'),
    Code('unreadable', 'error', '文件无法读取',
         '权限不对', '检查文件权限'),
    Code('missing-file', 'error', '缺少必需的文件',
         '删掉了 `causes.yaml`', '恢复该文件'),
    Code('no-catalogue', 'error', '找不到目录文件夹',
         '`--catalogue` 写错', '指向 `catalogue/`'),
    Code('wrong-type', 'error', '类型不对：该写列表的写了文本，该写映射的写了列表等',
         '`areas: A01`', '`areas: [A01]`'),
    Code('missing-field', 'error', '缺少必填字段',
         '问题文件没有 `summary`', '补上该字段'),
    Code('unknown-field', 'error', '未知字段（多半是拼错了），会提示相近的字段名',
         '`sumary:`', '改成 `summary:`'),
    Code('empty', 'error', '必填的文本或列表是空的',
         "`summary: ''`", '填写内容，或删去可选字段'),
    Code('too-few', 'error', '列表项不够',
         '`symptoms` 只有 2 条；`examples` 只有 1 个', '至少写 3 条具体表现、2 个场景不同的示例情形'),
    Code('too-many', 'error', '列表项太多',
         '`self_check` 写了 5 条；`families: [F2, F3, F4]`',
         '自查提示最多 4 条，留下最能核实的几条；问题类别最多 2 个，只留最主要的'),
    Code('too-long', 'error', '标题过长（最多 24 个字）',
         '把一句话当标题', '缩短，细节写进 `summary`'),
    Code('bad-id', 'error', '编号格式不对',
         '`id: C2`、`areas: [A1]`', '`C02`、`A01`；术语编号用小写拼音加连字符'),
    Code('bad-value', 'error', '取值不在允许范围内',
         '`status: deleted`、`levels: [team]`、`year: 218`',
         '`status` 只能是 `active` 或 `retired`；`levels` 见模板；`year` 写 1921 年到今年之间的四位数'),
    Code('id-mismatch', 'error', '文件名和编号不一致',
         '`P012.yaml` 里写 `id: P002`', '改文件名或改编号'),
    Code('duplicate-id', 'error', '同一个编号用在两个条目上（两处都会指出）',
         '复制文件后忘改编号', '给新条目换一个未用过的编号'),
    Code('retired-id-reused', 'error', '新条目用了已停用条目的编号',
         '新问题沿用 `P003`', '编号永不复用，换一个新编号'),
    Code('unknown-ref', 'error', '引用的条目不存在，会提示相近的编号',
         '`countermeasures: [M99]`', '改成存在的编号，或先新建该条目'),
    Code('self-related', 'error', '问题与自己相关',
         'P012 的 `related` 里有 `P012`', '删去'),
    Code('replacement-loop', 'error', '`replaced_by` 形成循环',
         'P003 → P004 → P003', '指向一个有效的问题'),
    Code('retired-target', 'error', '`replaced_by` 指向已停用的问题',
         'P003 → P004（已停用）', '直接指向最终接替的有效问题'),
    Code('raw-html', 'error', '文本里有 HTML 标记、实体或事件属性',
         '`<b>重点</b>`、`<img onerror=…>`', '只写纯文本；需要尖括号时用全角 〈 〉'),
    Code('unsafe-url', 'error', '文本里有 `javascript:`、`vbscript:`、`data:` 链接',
         '`javascript:alert(1)`', '删去'),
    Code('markdown-block', 'error', '字段里有 Markdown 标题或代码块，会破坏页面结构',
         '`## 小标题`、` ``` `', '删去这些符号，只写正文'),
    Code('published-url-gone', 'error', '已发布的网址（`catalogue/published-urls.txt`）不再存在',
         '删除了 `P012.yaml`', '恢复文件；不再使用的条目改为 `status: retired`'),
    Code('duplicate-term', 'error', '同一个术语（或别名）定义了两次',
         '两条术语都有别名“上热下冷”', '合并这两条'),
    Code('duplicate-ref', 'warning', '同一个列表里同一编号写了两次',
         '`causes: [C01, C01]`', '删去一个'),
    Code('orphan', 'warning', '领域、问题类别、成因或整改措施没有任何问题引用',
         '新建成因后还没有问题引用它', '在相关问题中引用它，或删去'),
    Code('whitespace', 'warning', '文本开头或结尾有多余空白',
         "`title: ' 推诿扯皮'`", '删去空白'),
    Code('traditional', 'warning', '文本里有繁体字（会给出简体写法）',
         '`推諉扯皮`', '改成 `推诿扯皮`'),
    Code('halfwidth-punct', 'warning', '中文之间用了半角标点',
         '`问题,表现`', '改成全角 `问题，表现`'),
    Code('full-width-punct', 'error', '键后面用了全角冒号“：”（中文输入法），YAML 读不懂这一行',
         '`title：推诿扯皮`', '改成半角冒号加空格 `title: 推诿扯皮`'),
    Code('joined-item', 'error', '列表项多缩进了两格，YAML 把它并进了上一项（“…重新拨打。 - 为了满意率…”）',
         '第二个 `- ` 比第一个多缩进', '让同一列表的 `-` 左对齐'),
    Code('partly-read', 'warning', '文件有语法错误，只读出了一部分：无法读取的部分（一项或一个字段）跳过，其余部分照常检查；'
         '与跳过部分有关的检查（必填字段、编号是否存在）这次不做', '第 2 项的引号没有闭合', '改正同一位置的 `yaml-syntax` 错误后再检查一次'),
    Code('not-regular-file', 'error', '目录里的文件是符号链接、命名管道、设备或文件夹，不是普通文件；读取前就拒绝',
         '`problems/P009.yaml` 是指向 `/etc/passwd` 的链接', '用文件本身替换链接，或删去它'),
    Code('skipped-file', 'error', '文件名像目录文件，但不会被读取',
         '`P009.YAML`、`P009.json`、`P009.yaml `（末尾有空格）', '按提示改名为 `P009.yaml`（JSON 先改写为 YAML）'),
    Code('control-char', 'error', '文本里有控制字符或无效字符（C0/C1 控制字符、孤立的代理项），会指出是第几个字符',
         '双引号里写了 `"\\x01"`、`"\\ud800"`', '删去该字符'),
    Code('bidi-control', 'error', '文本里有改变文字方向的控制字符（U+202A–202E、U+2066–2069），审阅时看到的顺序和实际不同',
         '从网页复制带进的 U+202E', '删去该字符'),
    Code('duplicate-anchor', 'error', '同一来源文件的两个条目编号在来源页上是同一个锚点（只保留字母和数字），两处都会指出',
         '`ref: t.1` 和 `ref: t-1`', '改用字母或数字不同的编号'),
    Code('zero-width', 'warning', '文本里有看不见的零宽字符（U+200B–200F、U+2060、U+FEFF）',
         '从聊天软件复制的文字', '删去该字符'),
)}


def guide_table() -> str:
    """The guide's table of codes, in registry order."""
    lines = ["| 代码 | 级别 | 含义 | 错误的写法（示例） | 改法 |", "| --- | --- | --- | --- | --- |"]
    lines += [f"| `{c.code}` | {c.level} | {c.meaning} | {c.example} | {c.fix} |" for c in CODES.values()]
    return "\n".join(lines)
