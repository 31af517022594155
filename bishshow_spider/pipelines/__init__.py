"""Item pipelines, in the order they run: normalise, validate, archive."""

from bishshow_spider.pipelines.archive import ArchivePipeline
from bishshow_spider.pipelines.normalize import NormalizePipeline
from bishshow_spider.pipelines.validate import ValidatePipeline

__all__ = ["ArchivePipeline", "NormalizePipeline", "ValidatePipeline"]
