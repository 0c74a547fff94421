"""The PDF's "What to do now" block: the routing steps (cre.routing) for the level of risk, each kept on one page,
its deadline on the left and who to contact, what to do and where the procedure says so on the right.
"""

from .levels import level_label
from .pdf_document import DEADLINE_COLOURS, GREY, NAVY, SMALL, SMALL_LINE, TABLE, when


def _step_lines(step):
    """The right-hand column of a routing step: (text, paragraph options) in order."""
    small = dict(size=SMALL, colour=GREY, height=SMALL_LINE)
    lines = [(step.get("who", ""), dict(style="B")), (step.get("action", ""), {})]
    for contact in step.get("contacts") or []:
        who = ", ".join(part for part in (contact.get("name"), contact.get("organisation")) if part)
        ways = "   ·   ".join(str(contact[key]).replace(" ", "\u00a0") if key == "phone" else str(contact[key])
                               for key in ("phone", "email", "url") if contact.get(key))
        lines.append((f"{who}: {ways}" if ways else who, dict(style="B", size=TABLE)))
    for link in step.get("links") or []:
        extra = "".join(f" ({link[key]})" for key in ("url", "note") if link.get(key))
        lines.append((f"{link.get('text', '')}{extra}", dict(size=TABLE, colour=NAVY)))
    source = step.get("source")
    if source:
        heading = f" ({source['heading']})" if source.get("heading") else ""
        lines.append((f"From the guidance{heading}: “{source.get('text', '')}”", small))
    reading = dict(size=SMALL, style="B", colour=NAVY, height=SMALL_LINE)
    notes = [step.get("added"), step.get("deadline_added") and f"Local practice: {step['deadline_added']}",
             step.get("hours_note")]
    for note in filter(None, notes):
        lines.append((f"The toolkit's reading, not the procedure's words: {note}", reading))
    return lines


def _step(pdf, number, step):
    """One routing step, kept on one page: the deadline on the left, who / what / how to reach them on the right."""
    left, indent, lines = pdf.l_margin, pdf.l_margin + 42, _step_lines(step)
    pdf.set_left_margin(indent)
    pdf.set_x(indent)
    pdf.need(sum(pdf.para(text, dry=True, **options) for text, options in lines) + 5)
    top, page = pdf.get_y(), pdf.page_no()
    pdf.set_x(left)
    pdf.para(f"{number}.  {step.get('deadline_label') or step.get('deadline', '')}", size=9, style="B",
             colour=DEADLINE_COLOURS.get(step.get("deadline"), NAVY), width=40)
    label_bottom = pdf.get_y()
    pdf.set_y(top)
    for text, options in lines:
        pdf.para(text, **options)
    pdf.set_left_margin(left)
    pdf.set_y(max(pdf.get_y(), label_bottom) if pdf.page_no() == page else pdf.get_y())
    pdf.rule()


def routing_block(pdf, routing):
    """"What to do now": when and at which level the steps were worked out, then each step."""
    pdf.subheading("What to do now")
    hours = "out of hours" if routing.get("out_of_hours") else "office hours"
    assumed = f" {routing['hours_assumption']}" if routing.get("hours_assumption") else ""
    pdf.small(f"Worked out for {when(routing.get('now', ''))} ({hours}) at level of risk: "
              f"{level_label(routing.get('level'))}.{assumed} Check the steps against your own agency's procedures.")
    pdf.rule()
    for number, step in enumerate(routing.get("steps") or [], 1):
        _step(pdf, number, step)
