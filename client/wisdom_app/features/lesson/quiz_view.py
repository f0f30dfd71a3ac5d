"""A lesson's quiz: its questions with checkable options, sending the answers, the result."""

import flet as ft

from wisdom_app.api import Json
from wisdom_app.components import error_text
from wisdom_app.context import use_app
from wisdom_app.errors import ApiError
from wisdom_app.features.lesson import actions


@ft.component
def QuizView(quiz: Json) -> ft.Control:
    state = use_app()
    answers, set_answers = ft.use_state(dict)
    result, set_result = ft.use_state(None)
    error, set_error = ft.use_state("")

    def choose(question: Json, index: int, checked: bool) -> None:
        qid = str(question["id"])
        chosen = set(answers.get(qid, []))
        if question.get("multiple"):
            chosen = chosen | {index} if checked else chosen - {index}
        else:
            chosen = {index}
        set_answers({**answers, qid: sorted(chosen)})

    async def submit() -> None:
        if len(answers) < len(quiz.get("questions", [])):
            set_error("Svara på alla frågor först.")
            return
        set_error("")
        try:
            set_result(await actions.submit_quiz(state, str(quiz["id"]), answers))
        except ApiError as exc:
            set_error(exc.message)

    controls: list[ft.Control] = [
        ft.Divider(),
        ft.Text(
            quiz.get("title") or "Quiz",
            theme_style=ft.TextThemeStyle.TITLE_MEDIUM,
            weight=ft.FontWeight.W_600,
        ),
        ft.Text(
            f"Godkänt från {quiz.get('pass_mark_percent', 0)} % rätt."
            + (" Du har redan klarat det." if quiz.get("passed") else "")
        ),
    ]
    for number, question in enumerate(quiz.get("questions", []), start=1):
        qid = str(question["id"])
        controls.append(ft.Text(f"{number}. {question.get('prompt', '')}", weight=ft.FontWeight.W_500))
        for index, option in enumerate(question.get("options", [])):
            controls.append(
                ft.Checkbox(
                    label=option,
                    value=index in answers.get(qid, []),
                    on_change=lambda e, q=question, i=index: choose(q, i, bool(e.control.value)),
                )
            )
    controls.append(error_text(error))
    controls.append(ft.Row([ft.FilledButton("Skicka svar", on_click=submit)]))
    if result:
        controls.append(quiz_result(result))
    return ft.Column(controls, spacing=6)


def quiz_result(result: Json) -> ft.Control:
    verdict = "Godkänt!" if result.get("passed") else "Inte godkänt den här gången. Försök igen."
    return ft.Text(
        f"{result.get('correct_count')} av {result.get('question_count')} rätt ({result.get('score_percent')} %). {verdict}",
        weight=ft.FontWeight.W_600,
    )
