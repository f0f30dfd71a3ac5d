"""Text types shared by request schemas: text that must say something.

`Title` is stripped of surrounding whitespace (Unicode's, as str.strip) before its length is
checked, so a title of spaces, tabs or no-break spaces is refused with 422 like an empty one,
instead of reaching a CHECK constraint (a 500) or being stored blank.
"""

from typing import Annotated

from pydantic import StringConstraints

Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
QuestionPrompt = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)
]
