"""Run zhnews from a checkout without installing: `python cli.py digest seeds/ -o digest.html`.

The command line itself lives in `zhnews/cli.py`, so that `pip install .` gives the
same program as the `zhnews` console command.
"""

from zhnews.cli import main

if __name__ == "__main__":
    main()
