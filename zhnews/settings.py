"""Every default zhnews uses, in one place.

Library functions, the CLI's options and the Dask path read their defaults
from here; a command-line option or a keyword argument overrides them for one
call. Nothing here is changed at run time. Tuned values say where they were
measured (bench/README.md has the tables).
"""

from __future__ import annotations

# -- summaries ----------------------------------------------------------------
SUMMARIZER = "textrank"
# A digest line: about two news sentences.
SUMMARY_CHARS = 120
KEYWORDS = 5
KEYWORD_TITLE_BOOST = 2.0

# -- themes ---------------------------------------------------------------------
WHY_TERMS = 5
# Chosen on THUCNews dev and on the themes corpus held out by file.
C = 0.5
NB_ALPHA = 1.0
CV_FOLDS = 5
# Each theme's threshold maximises F-beta on out-of-fold scores. Above 1, recall weighs more:
# the authored training articles separate more cleanly than real ones, so F1's cut-offs sit too
# high for real pages (bench/README.md, themes), and an untagged article is one a theme's reader
# never sees.
THRESHOLD_BETA = 1.5
# Themes whose cut-off weighs recall more still. Parks: real pages name zones in more ways than
# any training set (亦庄, 光谷, 北京经开区, 临港新片区) and are about a zone's industries or policies
# more often than they say 园区; at F1.5 themes_dev lost a fifth of its parks articles (bench/README.md).
LABEL_THRESHOLD_BETA = {"parks": 2.0}
MIN_EXAMPLES = 5
# Below this many examples of a label, `train` warns that its cross-validated scores say little.
FEW_EXAMPLES = 50
# Read only the first N characters of an article: a long page is about what
# its title and opening say.
MAX_CHARS = 3000
# What character n-grams may cross (`FeatureParams.char_span`). "auto" reads the training texts
# whole ("text": punctuation and spaces inside n-grams) when their median length is at most
# HEADLINE_CHARS: in headlines 《》, a colon or the space between a headline's two halves say what
# kind of story it is (THUCNews test 0.9239 -> 0.9281). Articles keep "words": punctuation is
# everywhere in them, and n-grams across it cost themes_dev 0.908 -> 0.900 macro-F1 (bench/README.md).
CHAR_SPAN = "auto"
HEADLINE_CHARS = 60
# The cut-off of a label when no cross-validation chose one.
THRESHOLD = 0.5

# -- the digest -------------------------------------------------------------------
# Estimated Jaccard similarity from which two articles are one story reprinted.
DEDUPE_THRESHOLD = 0.5

# -- batches and processes ----------------------------------------------------------
JOBS = 1
MAX_JOBS_PER_CPU = 4
# Articles scored per call of the model: memory stays flat however many there are.
CLASSIFY_BATCH = 256
# Records a pool worker takes at once, and items per `map_ordered` batch.
POOL_BATCH = 64
MAP_BATCH = 32

# -- input size limits ---------------------------------------------------------------
# A page or CSV file beyond these is not news but a dump; it is skipped, not
# read. JSONL is streamed line by line, so its files may be any size.
MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_PAGE_BYTES = 20 * 1024 * 1024
MAX_RECORD_CHARS = 2_000_000

# Training holds every example and its features in memory (measured: the shipped
# corpus, 0.9 M characters, trains in 0.46 GB; 5.2 M characters of articles in 1.65 GB
# before training handed freed arrays back; 180,000 headlines, 3.4 M characters, in
# 0.8 GB in one process), so
# labelled data is read up to this many characters in all, keeping a default run
# under about 2 GB; more is an error, never a silent cut or a MemoryError.
TRAIN_MAX_CHARS = 6_000_000
# Worker processes fitting the labels' models side by side (0: one per CPU; 1: none, in
# this process). Each holds liblinear's copy of the training matrix and its own imports,
# so one keeps training's peak lowest: 5-fold training on 180,000 headlines peaks at
# 0.8 GB with one and 1.3 GB (all processes) with two; one takes 1.5x as long.
TRAIN_JOBS = 1

# -- the error report ------------------------------------------------------------------
SKIPPED_SHOWN = 20
NOTES_SHOWN = 5
