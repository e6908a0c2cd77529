"""Fixes to Material's search worker: how it cuts a Chinese query, finds word fragments, and how
soon it answers.

Material 9.8 builds its lunr index in the browser, from search_index.json, before it answers
any query; on a site of 1,000 problems that takes seconds. It also cuts a Han query badly: it
never tries a slice that reaches the query's last character, and drops whatever follows the
first unknown character, so 中梗阻 is searched as 中*, which matches most of the site.
This module changes five places of the minified worker:

- segment: a greedy longest match over the index vocabulary and the fragments of the kw terms
  (search_terms.py), keeping unknown stretches as terms of their own;
- search: each Han query term also matches, in the kw field, the kw terms that contain it after
  their first character (皮球 → 踢皮球; the trailing wildcard already covers 踢皮 → 踢皮球);
- matched terms: a result counts a query term as found when a matched word contains it, so
  踢皮球 found by 皮球 is not listed as "缺少 皮球";
- setup: the worker first indexes the page-level documents, without their text, and answers
  at once (about a tenth of the work); then it indexes every document in slices of about 25 ms
  with queries answered in between, swaps that index in, and sends the results for the last
  query again (Material shows whatever results arrive);
- fill: the index constructor can hand its lunr builder to that sliced build instead of
  filling it at once.

Written against mkdocs-material 9.8.1 (pinned); if the worker changes, the build says so.
"""
from __future__ import annotations

import re

MARK = "/*kb-search*/"

# Our code, placed where Material's segment function was. @SEGMENT@ is that function's name.
KB_CODE = MARK + r"""
var kbDefer=null,kbLast,kbGen=0,kbKw=new WeakMap,kbHan=new RegExp("^\\p{sc=Han}+$","u");
// The kw terms of an index, one per line: "\n踢皮球\n中梗阻\n".
function kbKeywords(v){let K=kbKw.get(v);if(K===void 0){let a=[];
for(let t in v)for(let d in v[t].kw){a.push(t);break}
K="\n"+a.join("\n")+"\n";kbKw.set(v,K)}return K}
// A word of the index, or a fragment of a kw term.
function kbKnown(s,v){return s in v||s.length<=16&&kbKeywords(v).includes(s)}
// The kw terms that contain s after their first character and, if s is one character, before
// their last: 皮球 → 踢皮球, 怕 → 求稳怕事 (as if each kw term's suffixes were indexed).
function kbInner(v,s){let K=kbKeywords(v),out=[];
for(let p=K.indexOf(s);p>0;p=K.indexOf(s,p+1))if(K[p-1]!=="\n"&&(s.length>1||K[p+1]!=="\n")){let e=K.indexOf("\n",p);
out.push(K.slice(K.lastIndexOf("\n",p)+1,e));p=e}return out}
// Greedy longest match; an unknown stretch runs to the next known pair of characters.
function @SEGMENT@(q,v){let out=new Set,i=0;
while(i<q.length){let n=0;
for(let j=q.length;j>i+1;j--)if(kbKnown(q.slice(i,j),v)){n=j-i;break}
if(!n){let j=i+1;while(j<q.length-1&&!kbKnown(q.slice(j,j+2),v))j++;n=(j<q.length-1?j:q.length)-i}
out.add(q.slice(i,i+n));i+=n}
return out.size?out:new Set([q])}
// Material's query, and for each Han term the kw terms that contain it, in the kw field.
function kbSearch(ix,q){return ix.query(function(query){new lunr.QueryParser(q,query).parse();
if(ix.fields.indexOf("kw")<0)return;
for(let c of query.clauses.slice()){let s=c.term.replace(/^\*+|\*+$/g,"");
if(c.presence===lunr.Query.presence.PROHIBITED||!kbHan.test(s))continue;
for(let t of kbInner(ix.invertedIndex,s))query.term(t,{fields:["kw"],boost:c.boost,usePipeline:!1,
presence:lunr.Query.presence.OPTIONAL})}})}
// First the page-level documents without their text (titles and kw answer most queries), then
// the full index in the background; once it is in, the last query is answered again.
function kbSetup(U,data,swap){let pages=data.docs.filter(d=>d.location.indexOf("#")<0);
if(pages.length===data.docs.length)return new U(data);
let gen=++kbGen,fields=Object.assign({},data.config.fields);delete fields.text;
kbBuild(U,data,gen,full=>{swap(full);if(kbLast===void 0)return;let r;
try{r=full.search(kbLast)}catch(e){r={items:[]}}postMessage({type:3,data:r})});
return new U(Object.assign({},data,{docs:pages,config:Object.assign({},data.config,{fields:fields})}))}
// What lunr's builder does in one go, in slices of about 25 ms, each step resumed by a timer so
// that queries waiting in the message queue are answered in between.
function kbBuild(U,data,gen,done){
let docs=data.docs,b,u,i=0,all,refs,k=0,n=256,vectors={},terms,t=0,tb,
now=()=>performance.now(),later=f=>setTimeout(()=>{gen===kbGen&&f()},0),
add=()=>{if(!u){kbDefer=x=>{b=x};try{u=new U(data)}finally{kbDefer=null}return later(add)}
let end=now()+25;while(i<docs.length&&now()<end){b.add(docs[i],{boost:docs[i].boost});i++}
if(i<docs.length)return later(add);
b.calculateAverageFieldLengths();all=b.fieldTermFrequencies;refs=Object.keys(all);
if(!lunr.idf.kb){let idf=lunr.idf,memo=new WeakMap;lunr.idf=function(p,c){let x=memo.get(p);
x&&x[0]===c||memo.set(p,x=[c,idf(p,c)]);return x[1]};lunr.idf.kb=1}
later(vec)},
// createFieldVectors on a part of the documents at a time; lunr.idf remembers its answers
vec=()=>{let start=now(),part={};for(let r of refs.slice(k,k+n))part[r]=all[r];k+=n;
b.fieldTermFrequencies=part;b.createFieldVectors();Object.assign(vectors,b.fieldVectors);
n=Math.max(64,Math.min(2*n,Math.round(25*n/Math.max(1,now()-start))));
if(k<refs.length)return later(vec);
b.fieldTermFrequencies=all;terms=Object.keys(b.invertedIndex).sort();tb=new lunr.TokenSet.Builder;later(tok)},
tok=()=>{let end=now()+25;while(t<terms.length&&now()<end)tb.insert(terms[t++]);
if(t<terms.length)return later(tok);tb.finish();
u.index=new lunr.Index({invertedIndex:b.invertedIndex,fieldVectors:vectors,tokenSet:tb.root,
fields:Object.keys(b._fields),pipeline:b.searchPipeline});done(u)};
later(add)}
"""

# Each place: the minified original, and what replaces it (\1 … are the original's groups).
PLACES = {
    # segment(query, invertedIndex)
    "segment": (re.compile(
        r'function (\w+)\((\w),(\w)\)\{let \w=new Set,\w=new Uint16Array\(\2\.length\);.*?'
        r'return \w\.has\(""\)\?new Set\(\[\2\]\):\w\}'), None),
    # the index query in U.search
    "search": (re.compile(r'this\.index\.search\((\w)\)\.reduce\('), r'kbSearch(this.index,\1).reduce('),
    # which query terms a result matched
    "matched": (re.compile(
        r'(function \w+\((\w),(\w)\)\{var \w;let (\w)=new Set\(\2\),(\w)=\{\};'
        r'for\(let (\w)=0;\6<\3\.length;\6\+\+\)for\(let (\w) of \4\)\3\[\6\]\.)startsWith(\(\7\.term\))'),
        r'\1includes\8'),
    # setup and query messages
    "setup": (re.compile(
        r'case 0:return yield (\w+)\((\w)\.data\.config\),(\w+)=new (\w+)\(\2\.data\),\{type:1\};'
        r'case 2:let (\w)=\2\.data;'),
        r'case 0:return yield \1(\2.data.config),\3=kbSetup(\4,\2.data,x=>{\3=x}),{type:1};'
        r'case 2:let \5=kbLast=\2.data;'),
    # U's constructor adding every document to its lunr builder
    "fill": (re.compile(r'for\(let (\w) of (\w)\)this\.add\(\1,\{boost:\1\.boost\}\)'),
             r'if(kbDefer)kbDefer(this);else for(let \1 of \2)this.add(\1,{boost:\1.boost})'),
}


class WorkerChanged(Exception):
    """Material's worker no longer contains a place this module changes."""


def patch(worker_js: str) -> str:
    if MARK in worker_js:
        return worker_js
    for name, (pattern, replacement) in PLACES.items():
        matches = list(pattern.finditer(worker_js))
        if len(matches) != 1:
            raise WorkerChanged(f"Material 搜索 worker 已改变（{name}）；请更新 scripts/kb/site/search/worker_patch.py")
        match = matches[0]
        if replacement is None:
            fixed = KB_CODE.replace("@SEGMENT@", match.group(1))
        else:
            fixed = match.expand(replacement)
        worker_js = worker_js[:match.start()] + fixed + worker_js[match.end():]
    return worker_js
