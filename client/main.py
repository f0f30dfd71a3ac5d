"""Entry point of the Wisdom app (`flet build` packages this file with wisdom_app/).

python main.py          desktop window
python main.py --web    web app on http://127.0.0.1:8550 (nothing loaded from a CDN)
"""

import os
import sys

import flet as ft

from wisdom_app.app import build_main

if __name__ == "__main__":
    if "--web" in sys.argv[1:]:
        ft.run(
            build_main(),
            view=ft.AppView.WEB_BROWSER,
            host="127.0.0.1",
            port=int(os.environ.get("WISDOM_WEB_PORT", "8550")),
            no_cdn=True,
        )
    else:
        ft.run(build_main())
