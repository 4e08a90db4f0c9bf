#!/usr/bin/env python3
"""Pages with real PDF extraction damage, and their gold.

Lays source articles out as an A3 newspaper page (boxes on a 12-column grid, several side by
side; bodies in 1-4 justified columns with indented paragraphs; kicker, headline, deck and
byline in the box, one box in three painting its header after its body; a section name, a
folio and an editor's line), prints the page to PDF with PyMuPDF, extracts its text with a real
tool (pdftotext, pdftotext -raw, pdfminer.six, PyMuPDF with its lines sorted top to bottom, in
turn), and writes the gold by mapping every extracted line back to the printed line it came
from: a page is kept only when every line is found.

    python3 tools/pdf_pages.py ../shared/dev/articles.json OUT 120 [SEED]
    unweave eval --gold OUT/gold --pages OUT/pages

Needs poppler's pdftotext, and the Python packages pymupdf, pdfminer.six and PyYAML. Each gold
file names its tool (`tool:`), so that the pages of one tool can be scored apart. Headlines,
decks and kickers are set on one line each (scaled to fit the box), as on the development
set's pages. Not used by the test suite.
"""
import json
import os
import random
import re
import subprocess
import sys

import pymupdf
import yaml
from pdfminer.high_level import extract_text
from pdfminer.layout import LAParams

FONT = pymupdf.Font("china-s")
NO_START = set("，。、；：？！”’）》」』,.;:?!)%…—")
NO_END = set("“‘（《「『(")
W, H = 842, 1191
MARGIN = 36
GUTTER = 24
BODY = 10.5
LEAD = 15.5

WIDTHS = {}


def cw(ch, size):
    k = (ch, size)
    if k not in WIDTHS:
        WIDTHS[k] = FONT.text_length(ch, fontsize=size)
    return WIDTHS[k]


def full_width(text):
    """Full-width punctuation, as styles A and C typeset it."""
    table = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "?": "？", "!": "！"}
    return "".join(table.get(c, c) for c in text)


def tokens(text):
    # runs of ASCII letters and digits stay together, as a browser keeps them
    return re.findall(r"[A-Za-z0-9.%]+|.", text)


def wrap(text, width, size, indent=0.0):
    """Lines of `text` set `width` points wide; returns [(line, is_last)]."""
    lines = []
    cur = []
    curw = indent
    for t in tokens(text):
        tw = sum(cw(c, size) for c in t)
        if cur and curw + tw > width + 0.01:
            if t in NO_START:
                cur.append(t)
                lines.append("".join(cur))
                cur, curw = [], 0.0
                continue
            carry = []
            while cur and cur[-1] in NO_END:
                carry.insert(0, cur.pop())
            lines.append("".join(cur))
            cur = carry + [t]
            curw = sum(cw(c, size) for x in cur for c in x)
        else:
            cur.append(t)
            curw += tw
    if cur:
        lines.append("".join(cur))
    return lines


class Printer:
    def __init__(self):
        self.ops = []  # (order key, x, y, text, size, justify width or None)

    def line(self, key, x, y, text, size, justify=None, right=None):
        self.ops.append((key, x, y, text, size, justify, right))

    def render(self, page):
        tw = pymupdf.TextWriter(page.rect)
        for key, x, y, text, size, justify, right in sorted(self.ops, key=lambda o: o[0]):
            chars = list(text)
            widths = [cw(c, size) for c in chars]
            total = sum(widths)
            gap = 0.0
            if justify and len(chars) > 1 and justify > total:
                gap = (justify - total) / (len(chars) - 1)
            if right is not None:
                x = right - total
            for c, w_ in zip(chars, widths):
                tw.append((x, y), c, font=FONT, fontsize=size)
                x += w_ + gap
        tw.write_text(page)


def layout(arts, rng, page_no):
    """Sets the articles on a page; returns the printer, the printed lines and the articles set."""
    pr = Printer()
    printed = []  # dicts: kind (body|header|furniture), art, para, text
    section = rng.choice(["要闻", "综合", "社会", "经济·民生", "文体", "生态", "工会", "地方"])
    fol = f"第{page_no}版"
    y0 = MARGIN + 14
    pr.line((0, 0), MARGIN, y0, section, 14)
    pr.line((0, 1), 0, y0, fol, 12, right=W - MARGIN)
    printed += [dict(kind="furniture", text=section), dict(kind="furniture", text=fol)]
    y = y0 + 24
    order = 1
    used = []
    queue = list(arts)
    splits = [[12], [6, 6], [8, 4], [4, 8], [4, 4, 4], [7, 5], [5, 7], [9, 3]]
    while queue:
        split = rng.choice(splits)
        row = queue[: len(split)]
        split = split[: len(row)] if len(row) == len(split) else [12 // len(row)] * len(row)
        unit = (W - 2 * MARGIN + GUTTER) / 12
        x = MARGIN
        boxes = []
        for a, cols in zip(row, split):
            bw = cols * unit - GUTTER
            boxes.append((a, x, bw))
            x += cols * unit
        # lay each box out relative to the row's top
        plans = [plan_box(a, bw, rng) for a, _, bw in boxes]
        height = max(p["height"] for p in plans)
        if y + height > H - MARGIN - 30:
            break
        for (a, bx, bw), p in zip(boxes, plans):
            header_after = rng.random() < 0.33
            hkey = order + (0.5 if header_after else 0)
            for (dy, text, size, kind, field, right) in p["header"]:
                # (order, -1, dy): before the box's body columns (order, col, dy) unless painted after
                pr.line((hkey, -1, dy), bx, y + dy, text, size, right=(bx + bw) if right else None)
                printed.append(dict(kind="header", art=a["id"], field=field, text=text))
            for (col, dx, dy, text, size, just, para, lead_prefix) in p["body"]:
                pr.line((order, col, dy), bx + dx, y + dy, text, size, justify=just)
                printed.append(dict(kind="body", art=a["id"], para=para, text=text, skip=lead_prefix))
            for (dy, text, size) in p["trail"]:
                pr.line((order, 1e9, dy), 0, y + dy, text, size, right=bx + bw)
                printed.append(dict(kind="trail", art=a["id"], text=text))
            order += 1
            used.append(a)
        y += height + 18
        queue = queue[len(row):]
    ed = "本版编辑 " + rng.choice(["新闻部", "综合部", "社会新闻部", "经济部"])
    pr.line((1e9, 0), MARGIN, H - MARGIN, ed, 9)
    printed.append(dict(kind="furniture", text=ed))
    return pr, printed, used


def fitting(text, width, largest):
    """The size that sets `text` on one line `width` points wide, `largest` at most (the
    development set prints every headline, deck and kicker on one line)."""
    return min(largest, width / sum(cw(c, 1.0) for c in text) * 0.98)


def plan_box(a, bw, rng):
    header = []
    dy = 0.0
    # (field, largest size, space before the line, after it)
    for field, largest, before, after in (("kicker", 12.0, 13, 16), ("headline", 22.0, None, None), ("subheadline", 13.0, 15, 17)):
        if not a.get(field):
            continue
        text = full_width(a[field])
        size = fitting(text, bw, largest)
        # (a headline is spaced by its size)
        before = size * 1.4 if before is None else before
        after = size * 0.3 if after is None else after
        dy += before
        header.append((dy, text, size, "header", field, False))
        dy += after
    byline = full_width(a.get("byline") or "")
    pos = a.get("byline_pos")
    if byline and pos == "top":
        dy += 14
        for l in wrap(byline, bw, BODY):
            header.append((dy, l, BODY, "header", "byline", False))
            dy += LEAD
    dy += 8
    ncols = max(1, min(4, round(bw / rng.choice([150, 170, 200]))))
    colw = (bw - (ncols - 1) * GUTTER) / ncols
    lines = []
    for pi, p in enumerate(a["paragraphs"]):
        text = full_width(p)
        prefix = ""
        if pi == 0 and byline and pos == "inline":
            prefix = byline + " "
        elif pi == 0 and a.get("dateline") and norm(a["dateline"]) not in norm(byline):
            prefix = full_width(a["dateline"]) + " "
        text = prefix + text
        ls = wrap(text, colw, BODY, indent=2 * BODY)
        left = len(norm(prefix))
        for li, l in enumerate(ls):
            skip = min(left, len(norm(l)))
            left -= skip
            lines.append((l, li == len(ls) - 1, pi, li == 0, skip))
    per = -(-len(lines) // ncols)
    body = []
    for i, (l, last, pi, first, prefix) in enumerate(lines):
        c, r = divmod(i, per)
        dx = c * (colw + GUTTER) + (2 * BODY if first else 0)
        just = None if last else colw - (2 * BODY if first else 0)
        body.append((c, dx, dy + LEAD * (r + 1), l, BODY, just, pi, prefix))
    height = dy + LEAD * (per + 1)
    trail = []
    if byline and pos == "trail":
        trail.append((height, byline, BODY))
        height += LEAD
    return dict(header=header, body=body, trail=trail, height=height)


def extract(pdf, tool):
    if tool == "pdftotext":
        return subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True, text=True).stdout
    if tool == "pdftotext-raw":
        return subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"], capture_output=True, text=True).stdout
    if tool == "pdfminer":
        return extract_text(pdf, laparams=LAParams(line_margin=0.8))
    if tool == "pymupdf":
        # blocks sorted top to bottom, a block a line as the development set's Chromium PDFs
        # come out of get_text("blocks", sort=True): the lines of boxes side by side alternate
        doc = pymupdf.open(pdf)
        lines = []
        for b in doc[0].get_text("dict")["blocks"]:
            for l in b.get("lines", []):
                text = "".join(sp["text"] for sp in l["spans"])
                x0, y0, x1, y1 = l["bbox"]
                lines.append((round(y1, 1), x0, text))
        lines.sort()
        return "\n".join(t for _, _, t in lines) + "\n"
    raise ValueError(tool)


def norm(s):
    return re.sub(r"\s+", "", s)


def gold_of(text, printed, used, name):
    """Maps the extracted lines back to the printed ones; None when some line is not found."""
    pool = {}
    for i, p in enumerate(printed):
        pool.setdefault(norm(p["text"]), []).append(i)
    # furniture may come apart at its spaces
    extra = []
    for p in printed:
        if p["kind"] == "furniture":
            for part in p["text"].split():
                extra.append(dict(kind="furniture", text=part, optional=True))
    for p in extra:
        printed.append(p)
        pool.setdefault(norm(p["text"]), []).append(len(printed) - 1)
    frags = {a["id"]: {} for a in used}  # art -> para -> [(printed index, fragment)]
    seen = set()
    for raw in text.replace("\f", "\n").split("\n"):
        line = raw.strip()
        if not line:
            continue
        parts = split_line(norm(line), pool, seen)
        if parts is None:
            return None, f"unmatched line: {line}"
        # the fragment is the line's own text (spaces and all) for a whole line
        for i in parts:
            seen.add(i)
            p = printed[i]
            if p["kind"] == "body":
                frag = line if len(parts) == 1 else p["text"]
                if p.get("skip"):
                    frag = frag_after(frag, p["skip"])
                if frag:
                    frags[p["art"]].setdefault(p["para"], []).append((i, frag))
    if any(i not in seen and p["kind"] != "furniture" for i, p in enumerate(printed)):
        return None, "some printed line was not extracted"
    arts = []
    for a in used:
        body = []
        for pi in sorted(frags[a["id"]]):
            body.append([f for _, f in sorted(frags[a["id"]][pi])])
        kind = a.get("kind", "news")
        arts.append(dict(
            id=a["id"], kind=kind, kicker=full_width(a["kicker"]) if a.get("kicker") else None,
            headline=full_width(a["headline"]), headline_alt=[],
            subheadline=full_width(a["subheadline"]) if a.get("subheadline") else None,
            dateline=full_width(a["dateline"]) if a.get("dateline") else None,
            authors=a.get("authors") or [], byline=full_width(a["byline"]) if a.get("byline") else None,
            continued_from=None, continues_to=None, truncated=False, body=body))
    noise = []
    for p in printed:
        if p["kind"] in ("furniture", "header", "trail") and not p.get("optional"):
            noise.append(p["text"])
        elif p["kind"] == "body" and p.get("skip"):
            cut = len(p["text"]) - len(frag_after(p["text"], p["skip"]))
            noise.append(p["text"][:cut].strip())
    return dict(source=name, articles=arts, noise=noise), None


def frag_after(line, n):
    # the byline printed before the lead is no part of the body fragment
    k = 0
    for j, c in enumerate(line):
        if k == n:
            return line[j:].strip()
        if not c.isspace():
            k += 1
    return ""


def split_line(s, pool, seen):
    """The printed lines whose texts make up `s`, in order (one for a whole line)."""
    if s in pool:
        for i in pool[s]:
            if i not in seen:
                return [i]
    # a line two printed lines were read into (side by side on one baseline)
    for k in range(1, len(s)):
        head = s[:k]
        if head in pool:
            for i in pool[head]:
                if i in seen:
                    continue
                rest = split_line(s[k:], pool, seen | {i})
                if rest is not None:
                    return [i] + rest
    return None


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    src, out, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    arts = json.load(open(src))
    os.makedirs(f"{out}/pages", exist_ok=True)
    os.makedirs(f"{out}/gold", exist_ok=True)
    os.makedirs(f"{out}/pdf", exist_ok=True)
    tools = ["pdftotext", "pdftotext-raw", "pdfminer", "pymupdf"]
    made = 0
    tries = 0
    reasons = {}
    while made < count and tries < count * 5:
        tries += 1
        rng = random.Random(seed * 100003 + tries)
        topic = rng.choice(sorted({a.get("topic") for a in arts}))
        same = [a for a in arts if a.get("topic") == topic]
        rest = [a for a in arts if a.get("topic") != topic]
        rng.shuffle(same)
        rng.shuffle(rest)
        k = rng.randint(3, 5)
        pick = (same[:2] + rest)[:k]
        rng.shuffle(pick)
        pr, printed, used = layout(pick, rng, rng.randint(1, 12))
        if len(used) < 2:
            reasons["too few"] = reasons.get("too few", 0) + 1
            continue
        doc = pymupdf.open()
        page = doc.new_page(width=W, height=H)
        pr.render(page)
        name = f"{made:04d}"
        pdf = f"{out}/pdf/{name}.pdf"
        doc.save(pdf)
        tool = tools[made % len(tools)]
        text = extract(pdf, tool)
        gold, why = gold_of(text, printed, used, f"{name}.txt")
        if gold is None:
            key = f"{tool}: {why.split(':')[0]}"
            reasons[key] = reasons.get(key, 0) + 1
            continue
        gold["tool"] = tool
        with open(f"{out}/pages/{name}.txt", "w") as f:
            f.write(text)
        with open(f"{out}/gold/{name}.yaml", "w") as f:
            yaml.safe_dump(gold, f, allow_unicode=True, sort_keys=False, width=1000)
        made += 1
    print(f"made {made} pages in {tries} tries; rejected: {reasons}", file=sys.stderr)


if __name__ == "__main__":
    main()
