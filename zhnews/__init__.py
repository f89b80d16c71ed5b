"""zhnews: classify, summarize and digest Chinese regional and industry news, offline.

Importing the package is cheap on purpose: jieba, scikit-learn and the model are
loaded lazily by the modules that need them, so `zhnews clean` starts fast.
"""

__version__ = "0.1.0"
