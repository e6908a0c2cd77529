"""The parse cache: unchanged files are read back instead of parsed, and it never changes a result."""
import pickle

from conftest import diagnostics, edit
from kb.exports.catalogue_json import catalogue_json
from kb.core.parse_cache import ParseCache
from kb.core.pipeline import load_catalogue


def _files(root):
    return sorted(p for p in root.rglob("*.yaml"))


def test_second_run_reads_every_file_from_the_cache_with_the_same_result(mini):
    first_cache = ParseCache.beside(mini)
    first = load_catalogue(mini, first_cache)
    second_cache = ParseCache.beside(mini)
    second = load_catalogue(mini, second_cache)
    assert first_cache.hits == 0 and first_cache.misses == len(_files(mini))
    assert second_cache.hits == len(_files(mini)) and second_cache.misses == 0
    assert catalogue_json(first.catalogue, "http://x/") == catalogue_json(second.catalogue, "http://x/")
    assert first.report.sorted() == second.report.sorted() == []


def test_an_edited_file_is_parsed_again_and_positions_are_exact(mini):
    diagnostics(mini)  # fills the cache
    edit(mini / "problems/P001.yaml", "countermeasures: [M01]", "countermeasures: [M01, M03]")
    assert diagnostics(mini) == [
        "cat/problems/P001.yaml:15:24: error[unknown-ref]: countermeasures[1]：整改措施 'M03' 不存在；"
        "是否想写 'M01'（压实岗位责任） 或 'M02'（改进考核评价）？"]
    edit(mini / "problems/P001.yaml", "countermeasures: [M01, M03]", "countermeasures: [M01]")
    assert diagnostics(mini) == []


def test_files_with_findings_are_reported_again_on_every_run(mini):
    edit(mini / "problems/P002.yaml", "title: ", "title: 繁體")
    once, twice = diagnostics(mini), diagnostics(mini)
    assert once == twice and any("traditional" in line for line in once)


class _Exploit:
    """Unpickling this creates the marker file: proof that reading a cache ran code."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_a_tampered_cache_file_is_ignored_not_run(mini, tmp_path):
    diagnostics(mini)
    marker = tmp_path / "ran"
    cache = ParseCache.beside(mini)
    assert cache.path.exists()
    cache.path.write_bytes(pickle.dumps(_Exploit(marker)))
    cache = ParseCache.beside(mini)
    assert load_catalogue(mini, cache).report.sorted() == []
    assert not marker.exists()
    assert cache.hits == 0


def test_kb_no_cache_turns_it_off(mini, monkeypatch):
    monkeypatch.setenv("KB_NO_CACHE", "1")
    cache = ParseCache.beside(mini)
    load_catalogue(mini, cache)
    assert cache.path is None and not (mini.parent / ".cache").exists()


def test_a_tampered_entry_is_parsed_again_not_run(mini, tmp_path):
    diagnostics(mini)
    marker = tmp_path / "ran"
    path = ParseCache.beside(mini).path
    version, entries = pickle.loads(path.read_bytes())
    path.write_bytes(pickle.dumps((version, {key: pickle.dumps(_Exploit(marker)) for key in entries})))
    cache = ParseCache.beside(mini)
    assert load_catalogue(mini, cache).report.sorted() == []
    assert not marker.exists()
    assert cache.hits == 0 and cache.misses == len(_files(mini))


def test_tampered_cached_data_still_passes_the_text_checks(mini):
    """Data planted in the cache under a clean file's hash is checked like freshly parsed text."""
    diagnostics(mini)
    path = ParseCache.beside(mini).path
    version, entries = pickle.loads(path.read_bytes())
    meta_key = ParseCache.key((mini / "meta.yaml").read_bytes())
    data = pickle.loads(entries[meta_key])
    data["title"] = "<script>x</script>"
    entries[meta_key] = pickle.dumps(data)
    path.write_bytes(pickle.dumps((version, entries)))
    cache = ParseCache.beside(mini)
    result = load_catalogue(mini, cache)
    assert cache.hits == len(_files(mini))
    assert result.catalogue is None
    assert [d.text() for d in result.report.sorted()] == [
        "cat/meta.yaml:1:8: error[raw-html]: title 含有 HTML 标记或实体；目录只收纯文本，请删去尖括号中的标记"
        "（需要尖括号时请用全角 〈 〉）"]
