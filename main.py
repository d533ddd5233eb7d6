"""Start the nnviz GUI: ``python main.py [FILE] [--preset NAME] [--lang es|en]``."""

from nnviz.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
