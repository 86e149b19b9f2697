"""art67bot benchmarks: figures as ratios against floors measured in the same run."""
