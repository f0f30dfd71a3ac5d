"""A lesson's quiz: its questions (radio buttons when one answer is right, check boxes when
several may be), sending the answers, the result."""

from collections.abc import Callable

import flet as ft

from wisdom_app import formatting as fmt
from wisdom_app import theme
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
        controls.append(ft.Text(f"{number}. {question.get('prompt', '')}", weight=ft.FontWeight.W_500))
        chosen = answers.get(str(question["id"]), [])
        if question.get("multiple"):
            controls.append(ft.Text("Välj alla svar som stämmer.", size=theme.CAPTION, color=theme.MUTED))
            controls += [
                ft.Checkbox(
                    label=option,
                    value=index in chosen,
                    on_change=lambda e, q=question, i=index: choose(q, i, bool(e.control.value)),
                )
                for index, option in enumerate(question.get("options", []))
            ]
        else:
            controls.append(single_choice(question, chosen, choose))
    controls.append(error_text(error))
    controls.append(ft.Row([ft.FilledButton("Skicka svar", on_click=submit)]))
    if result:
        controls.append(quiz_result(result))
    return ft.Column(controls, spacing=6)


def single_choice(question: Json, chosen: list[int], choose: Callable[[Json, int, bool], None]) -> ft.Control:
    """One answer of several: radio buttons (the value is the option's index as text)."""

    def picked(e: ft.Event[ft.RadioGroup]) -> None:
        if e.control.value is not None:
            choose(question, int(e.control.value), True)

    return ft.RadioGroup(
        ft.Column(
            [ft.Radio(label=option, value=str(i)) for i, option in enumerate(question.get("options", []))],
            spacing=0,
        ),
        value=str(chosen[0]) if chosen else None,
        on_change=picked,
    )


def quiz_result(result: Json) -> ft.Control:
    verdict = "Godkänt!" if result.get("passed") else "Inte godkänt den här gången. Försök igen."
    correct, asked = result.get("correct_count") or 0, result.get("question_count") or 0
    return ft.Text(
        f"{correct} av {fmt.count(asked, 'fråga', 'frågor')} rätt ({fmt.percent(correct, asked)} %). {verdict}",
        weight=ft.FontWeight.W_600,
    )
