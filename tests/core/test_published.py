"""Published addresses keep working: the committed list resolves, and losing one fails validation."""
import re

from conftest import ROOT, diagnostics, kb
from kb.core import published


def test_every_published_address_resolves_in_the_built_site(built_site):
    listed = [url for _, url in published.read(ROOT / "catalogue")]
    assert len(listed) > 300
    missing = []
    for url in listed:
        path, _, anchor = url.partition("#")
        target = built_site / path.strip("/")
        target = target / "index.html" if not path.endswith(".json") else target
        if not target.is_file():
            missing.append(url)
        elif anchor and f'id="{anchor}"' not in target.read_text(encoding="utf-8"):
            missing.append(url)
    assert missing == []


def test_a_deleted_entry_whose_address_was_published_fails_validation(mini):
    assert kb("urls", "--update", "--catalogue", "cat", cwd=mini.parent).returncode == 0
    lines = (mini / "published-urls.txt").read_text(encoding="utf-8").splitlines()
    line = lines.index("/problems/P002/") + 1
    (mini / "problems/P002.yaml").unlink()
    (mini / "problems/P001.yaml").write_text(
        (mini / "problems/P001.yaml").read_text(encoding="utf-8").replace("related: [P002]\n", ""), encoding="utf-8")
    found = [d for d in diagnostics(mini) if "published-url-gone" in d]
    assert found[0] == (f"cat/published-urls.txt:{line}:1: error[published-url-gone]: 已发布的网址 /problems/P002/ "
                        "不再存在；培训材料里的链接会失效。请恢复该条目（不再使用时改为 status: retired），不要删除")
    assert any("/sources/S1/#item-2" in d for d in found) is False  # items come from sources.yaml, still there


def test_urls_update_appends_only_new_addresses(mini):
    assert kb("urls", "--update", "--catalogue", "cat", cwd=mini.parent).returncode == 0
    first = (mini / "published-urls.txt").read_text(encoding="utf-8")
    (mini / "problems/P003.yaml").write_text(
        "id: P003\ntitle: 推来推去\nsummary: 已并入 P001。\nstatus: retired\nreplaced_by: P001\n", encoding="utf-8")
    run = kb("urls", "--update", "--catalogue", "cat", cwd=mini.parent)
    assert run.stdout.startswith("已追加 1 个网址")
    assert (mini / "published-urls.txt").read_text(encoding="utf-8") == first + "/problems/P003/\n"
    assert re.search(r"^/glossary/#ti-pi-qiu$", first, re.M)
