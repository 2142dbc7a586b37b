"""The section's prompts, each shown whole: wrapped beside its box, ☐ to do, ☑ ticked off with space."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.css.styles import RulesMap
from textual.message import Message
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets.option_list import Option

from meetingdesk.widgets.bounded_list import BoundedList

TO_DO = "☐"
"""The box of a prompt not covered yet."""
TICKED = "☑"
"""The box of a prompt ticked off: a different shape, not only a different colour."""


class Hanging(Visual):
    """A mark, then text wrapped so every line starts under the text's first word, not under the mark."""

    def __init__(self, mark: Content, text: Content) -> None:
        self.mark = mark
        self.text = text
        self.indent = mark.cell_length + 1

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.indent + self.text.get_optimal_width(rules, max(1, container_width - self.indent))

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.text.get_height(rules, max(1, width - self.indent))

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        lines = self.text.render_strips(max(1, width - self.indent), height, style, options)
        mark = (self.mark + " ").render_strips(self.indent, 1, style, options)[0]
        blank = Strip.blank(self.indent, style.rich_style)
        return [Strip.join([mark if number == 0 else blank, line]) for number, line in enumerate(lines)]


def prompt_entry(text: str, ticked: bool) -> Hanging:
    """One prompt as the list shows it: its box, then its whole text (dimmed once ticked off)."""
    if ticked:
        return Hanging(Content.styled(TICKED, "bold $text-success"), Content.styled(text, "dim"))
    return Hanging(Content(TO_DO), Content(text))


class PromptList(BoundedList):
    """The prompts of one section; space ticks the highlighted one off (or back on)."""

    BINDINGS = [Binding("space", "tick", "Tick off", id="prompt_tick", show=False)]

    @dataclass
    class Ticked(Message):
        """The manager ticked a prompt off or back on: `done` is every ticked prompt's number now."""

        prompt_list: PromptList
        done: list[int]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.prompts: list[str] = []
        """The prompts shown, in the agenda's order."""
        self.done: set[int] = set()
        """The numbers of the prompts ticked off."""
        self.read_only = False
        """True in a window that only watches the meeting: nothing can be ticked."""

    def show(self, prompts: list[str], done: list[int]) -> None:
        """Show a section's prompts, the highlight on the first one still to do."""
        self.prompts = list(prompts)
        self.done = set(done)
        self.clear_options()
        self.add_options([Option(prompt_entry(text, number in self.done)) for number, text in enumerate(self.prompts)])
        to_do = [number for number in range(len(self.prompts)) if number not in self.done]
        self.highlighted = (to_do or [0])[0] if self.prompts else None

    def on_focus(self) -> None:
        # Entering the list always lands on a prompt, so the first space ticks something.
        if self.highlighted is None and self.option_count:
            self.highlighted = 0

    def action_tick(self) -> None:
        index = self.highlighted
        if self.read_only or index is None or not 0 <= index < len(self.prompts):
            return
        self.done ^= {index}
        self.replace_option_prompt_at_index(index, prompt_entry(self.prompts[index], index in self.done))
        self.post_message(self.Ticked(self, sorted(self.done)))

    def _on_option_list_option_selected(self, event: BoundedList.OptionSelected) -> None:
        # Enter and a click tick too, as on a checklist.
        event.stop()
        self.action_tick()
