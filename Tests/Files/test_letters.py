"""Reaching every merchant: letters printed by Chromium, rasterised by pdftoppm and read back by
zbarimg — every QR code must be exactly the link of its page, in the file's order; SMS messages
within 70 characters; reminders only for those who have not answered (checked against the
database by the tokens' hashes)."""
import base64
import csv
import glob
import hashlib
import io
import subprocess

from conftest import WORK, pingyi, sql


def merchant_links():
    campaign = sql("SELECT id FROM campaigns WHERE kind = 'merchantReview' AND state = 'open' ORDER BY id DESC LIMIT 1")
    files = sorted(glob.glob(str(WORK / "demo" / f"invitations-campaign{campaign}-*.csv")))
    assert files, "the demo wrote no links file"
    text = open(files[0], encoding="utf-8-sig").read()
    rows = list(csv.reader(io.StringIO(text)))
    return campaign, rows[0], rows[1:]


def subset(header, rows, name):
    path = WORK / name
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows([header] + rows)
    return path


def used(link):
    token = link.rsplit("/", 1)[1]
    digest = hashlib.sha256(base64.urlsafe_b64decode(token + "==")).hexdigest()
    return sql(f"SELECT used_on IS NOT NULL FROM invitations WHERE token_hash = decode('{digest}', 'hex')") == "t"


def test_letters_print_and_every_qr_code_reads_back_as_its_link():
    campaign, header, rows = merchant_links()
    chosen = rows[:6]
    links_file = subset(header, chosen, "links-6.csv")
    html = WORK / "letters.html"
    result = pingyi("invitations", "letters", "--campaign", campaign, "--from", links_file, "--out", html)
    assert result.code == 0, result
    text = html.read_text(encoding="utf-8")
    assert text.count('class="letter"') == 6 and "邀请码" in text and "匿名" in text
    pdf = WORK / "letters.pdf"
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", f"file://{html}"], check=True, capture_output=True, timeout=120)
    pages = WORK / "page"
    subprocess.run(["pdftoppm", "-r", "110", "-png", str(pdf), str(pages)], check=True, capture_output=True, timeout=120)
    images = sorted(glob.glob(f"{pages}-*.png"))
    assert len(images) == 6, f"{len(images)} pages for 6 letters"
    decoded = []
    for image in images:
        done = subprocess.run(["zbarimg", "--raw", "-q", image], capture_output=True, text=True, timeout=60)
        codes = done.stdout.split()
        assert len(codes) == 1, f"{image}: {codes}"
        decoded.append(codes[0])
    link_column = next(i for i, name in enumerate(header) if name.endswith("链接"))
    assert decoded == [row[link_column] for row in chosen]


def test_sms_file_within_70_characters_and_reminders_only_for_the_unanswered():
    campaign, header, rows = merchant_links()
    link_column = next(i for i, name in enumerate(header) if name.endswith("链接"))
    links_file = subset(header, rows, "links-all.csv")
    sms = WORK / "sms.csv"
    result = pingyi("invitations", "sms", "--campaign", campaign, "--from", links_file, "--out", sms)
    assert result.code == 0, result
    messages = list(csv.DictReader(io.StringIO(sms.read_text(encoding="utf-8-sig"))))
    assert messages and all(len(m["短信内容"]) <= 70 for m in messages)
    assert {m["短信内容"].split("：")[-1] for m in messages} <= {row[link_column] for row in rows}
    reminders = WORK / "reminders.csv"
    result = pingyi("invitations", "remind", "--campaign", campaign, "--from", links_file, "--out", reminders)
    assert result.code == 0, result
    reminded = {m["短信内容"].split("：")[-1] for m in csv.DictReader(io.StringIO(reminders.read_text(encoding="utf-8-sig")))}
    phone_column = header.index("联系电话")
    expected = {row[link_column] for row in rows if not used(row[link_column]) and row[phone_column].strip()}
    answered = {row[link_column] for row in rows if used(row[link_column])}
    assert answered, "the demo has answered links"
    assert reminded == expected and not (reminded & answered)
    assert sql(f"SELECT count(*) FROM audit_log WHERE action = 'invitations.remind' AND subject = 'campaign {campaign}'") == "1"
    assert "914" not in sql("SELECT after::text FROM audit_log WHERE action = 'invitations.remind'")  # a count, no credit code
