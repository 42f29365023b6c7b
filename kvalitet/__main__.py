"""Entry point for ``python -m kvalitet``."""

from kvalitet.cli import main

if __name__ == "__main__":
    main()
