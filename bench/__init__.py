"""Benchmarks of bishshow: crawl throughput, extraction, storage, scale, memory (`make bench`)."""
