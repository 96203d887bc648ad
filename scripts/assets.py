"""Copy the front-end files the pages use from node_modules into web/static/vendor/ (`make assets`).

Run after `npm ci`: `python3 scripts/assets.py`. The table of files lives in web/assets.py beside the
page that loads them; it is run here as a plain file, so this works with the standard library alone,
before the project is installed (as in the Docker build).
"""

import runpy
from pathlib import Path

if __name__ == "__main__":
    runpy.run_path(str(Path(__file__).resolve().parents[1] / "web" / "assets.py"), run_name="__main__")
