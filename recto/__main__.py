"""`python -m recto`: the same command line as the `recto` script."""
from recto.ui.launcher import main

if __name__ == "__main__":
    main()
