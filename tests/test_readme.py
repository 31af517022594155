"""The README documents every command, every project setting and every spider argument."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from bishshow_spider import settings
from bishshow_spider.cli import main
from bishshow_spider.spiders.bishshow import BishshowSpider

README = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
# Settings this project adds; Scrapy's own are documented by Scrapy.
OWN_SETTINGS = [
    name
    for name in dir(settings)
    if re.match(r"^(BISHSHOW|ARCHIVE|WARC|CRAWL|RETRY_BACKOFF|RETRY_AFTER)_?", name)
]


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_is_documented(command: str) -> None:
    assert f"bishshow {command}" in README


@pytest.mark.parametrize("name", OWN_SETTINGS)
def test_every_project_setting_is_documented(name: str) -> None:
    assert f"`{name}`" in README


def test_every_spider_argument_is_documented() -> None:
    params = inspect.signature(BishshowSpider.__init__).parameters
    arguments = [p for p in params if p not in ("self", "kwargs")]
    assert arguments, "the spider takes arguments"
    for argument in arguments:
        assert f"`{argument}`" in README, argument


def test_the_two_commands_are_the_ones_ci_runs() -> None:
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text("utf-8")
    assert "make test" in ci
    assert "make demo" in README and "make test" in README
