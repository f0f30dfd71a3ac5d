"""The public page behind the verification link printed on a certificate (Swedish)."""

from html import escape

from app.courses.certificate_pdf import swedish_date
from app.courses.schemas import CertificateVerification


def verification_html(found: CertificateVerification) -> str:
    return f"""<!doctype html>
<html lang="sv"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kursintyg {escape(found.code)} – Wisdom</title>
<style>body{{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;
color:#282438}}h1{{color:#7b61a0}}dt{{font-weight:600;margin-top:.8rem}}dd{{margin:0}}</style>
</head><body>
<h1>Kursintyget är äkta</h1>
<p>Wisdom by SoulWisdom bekräftar att intyget nedan har utfärdats.</p>
<dl>
<dt>Namn</dt><dd>{escape(found.student_name)}</dd>
<dt>Kurs</dt><dd>{escape(found.course_title)}</dd>
<dt>Lärare</dt><dd>{escape(found.teacher_name)}</dd>
<dt>Utfärdat</dt><dd>{escape(swedish_date(found.issued_at))}</dd>
<dt>Verifieringskod</dt><dd>{escape(found.code)}</dd>
</dl>
</body></html>
"""
