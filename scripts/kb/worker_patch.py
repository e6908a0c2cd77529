"""A fix to Material's search worker: how it cuts a Chinese query into index terms.

Material 9.8 segments a Han query against the index vocabulary, but never tries a slice that
reaches the query's last character, and drops whatever follows the first unknown character:
中梗阻 is searched as 中*, which matches most of the site. This replaces that one function with a
greedy longest match over the vocabulary that keeps unknown stretches as terms of their own.
Written against mkdocs-material 9.8.1 (pinned); if the worker changes, the build says so.
"""
from __future__ import annotations

import re

# The minified segment(query, invertedIndex) function of Material's worker.
ORIGINAL = re.compile(
    r'function (\w+)\((\w),(\w)\)\{let \w=new Set,\w=new Uint16Array\(\2\.length\);.*?'
    r'return \w\.has\(""\)\?new Set\(\[\2\]\):\w\}')

REPLACEMENT = (
    "function {name}(q,v){{let out=new Set,i=0;"
    "while(i<q.length){{let n=0;"
    "for(let j=q.length;j>i+1;j--)if(q.slice(i,j) in v){{n=j-i;break}}"
    "if(!n){{let j=i+1;while(j<q.length&&!(q.slice(j,j+2) in v))j++;n=j-i}}"
    "out.add(q.slice(i,i+n));i+=n}}"
    "return out.size?out:new Set([q])}}")


class WorkerChanged(Exception):
    """Material's worker no longer contains the function this module replaces."""


def patch(worker_js: str) -> str:
    match = ORIGINAL.search(worker_js)
    if match is None:
        if "kb-segment" in worker_js:
            return worker_js
        raise WorkerChanged("Material 搜索 worker 的分词函数已改变；请更新 scripts/kb/worker_patch.py")
    fixed = "/*kb-segment*/" + REPLACEMENT.format(name=match.group(1))
    return worker_js[:match.start()] + fixed + worker_js[match.end():]
