"""Reading a rendered form as a user sees it: each row's label, value and message."""
import re
from html.parser import HTMLParser


class _Rows(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows, self.values, self.top = [], {}, []
        self._row = self._select = self._textarea = self._alert = None
        self._option = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr":
            self._row = {"text": "", "names": [], "classes": attrs.get("class") or ""}
        elif tag == "input" and attrs.get("name") and attrs.get("type") not in ("submit", "button"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self._value(attrs["name"], attrs.get("value", ""))
        elif tag == "select":
            self._select = attrs.get("name")
            self._value(self._select, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self._value(self._select, attrs.get("value", ""))
        elif tag == "textarea":
            self._textarea = attrs.get("name")
            self._value(self._textarea, "")
        elif tag == "div" and "app-form-errors" in (attrs.get("class") or ""):
            self._alert = ""

    def _value(self, name, value):
        self.values[name] = value
        if self._row is not None and name not in self._row["names"]:
            self._row["names"].append(name)

    def handle_endtag(self, tag):
        if tag == "tr" and self._row is not None:
            self._row["text"] = re.sub(r"\s+", " ", self._row["text"]).strip()
            self.rows.append(self._row)
            self._row = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            value = self.values[self._textarea]  # a browser drops the newline that opens a textarea
            self.values[self._textarea] = value[2:] if value.startswith("\r\n") else value.removeprefix("\n")
            self._textarea = None
        elif tag == "div" and self._alert is not None:
            self.top.append(re.sub(r"\s+", " ", self._alert).strip())
            self._alert = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data
        if self._row is not None and not self._select:
            self._row["text"] += " " + data
        if self._alert is not None:
            self._alert += " " + data


class Form:
    def __init__(self, html):
        parser = _Rows()
        parser.feed(html)
        self.values, self.rows, self.top = parser.values, parser.rows, " ".join(parser.top)

    def row(self, name) -> dict:
        """The table row holding the field `name` (its label, hint and messages are in row['text'])."""
        return next(row for row in self.rows if name in row["names"])

    def error_rows(self) -> list[str]:
        return [name for row in self.rows if "has-error" in row["classes"] for name in row["names"]]


def form_of(response) -> Form:
    return Form(response.get_data(as_text=True))
