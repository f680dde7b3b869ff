"""Steps on the app's screens that the Chromium tests share (tests/web/test_web_*.py): making an identity, joining
from an invite link, redeeming a staff code, a moderator's group and alerts, a counselor's session columns, the
panic wipe, and what a page's report must show. Each is what a person does, through `data-test` selectors."""

from __future__ import annotations

import base64
from urllib.parse import urlsplit

from tests.web.app_browser import AppBrowser


async def create_identity(browser: AppBrowser, origin: str, passphrase: str, timeout_ms: int = 240_000) -> None:
    """From the welcome screen to home: a new identity under `passphrase` (KDF and proof of work take a while)."""
    await browser.call("goto", url=f"{origin}/")
    await browser.screen("welcome")
    await browser.click("start")
    await browser.screen("create")
    await browser.fill("input[name=passphrase]", passphrase)
    await browser.fill("input[name=passphrase2]", passphrase)
    await browser.click("create")
    await browser.screen("home", timeout_ms)


async def join_from_link(browser: AppBrowser, origin: str, code: str, pseudonym: str) -> None:
    """Opens the invite link and asks to join under `pseudonym`; ends on the waiting screen."""
    await browser.call("goto", url=f"{origin}/#/join/{code}")
    await browser.screen("join")
    await browser.fill("input[name=pseudonym]", pseudonym)
    await browser.click("join")
    await browser.screen("waiting")


async def unlock(browser: AppBrowser, passphrase: str) -> None:
    await browser.screen("unlock")
    await browser.fill("input[name=passphrase]", passphrase)
    await browser.click("unlock")
    await browser.screen("home", 120_000)


async def stored_records(browser: AppBrowser) -> list[bytes]:
    """Every IndexedDB record the origin keeps on the device."""
    stored = (await browser.call("storage"))["value"]
    return [base64.b64decode(r) for store in stored["indexedDB"].values() for rs in store.values() for r in rs]


async def panic_wipe(browser: AppBrowser) -> dict[str, object]:
    """Delete everything (two taps); returns what the origin still stores once the neutral page shows."""
    await browser.click("wipe")
    await browser.click("wipe-confirm")
    await browser.call("wait", selector="[data-test=neutral]")
    await browser.evaluate(
        "new Promise(r => { const t = () => document.documentElement.dataset.wiped ? r(0) : setTimeout(t, 50); t(); })"
    )
    return dict((await browser.call("storage"))["value"])


async def texts(browser: AppBrowser, selector: str) -> list[str]:
    return [str(t) for t in (await browser.call("texts", selector=selector))["texts"]]


async def scripts(browser: AppBrowser) -> set[str]:
    """The scripts the page has fetched so far."""
    return {u for u in (await browser.call("report"))["requests"] if urlsplit(u).path.endswith(".js")}


async def redeem_staff_code(browser: AppBrowser, code: str, screen: str) -> None:
    """From home, the staff entry: redeem an invite code; ends on the role's screen (`console`, `dashboard`...)."""
    await browser.click("staff")
    await browser.screen("staff")
    await browser.fill("input[name=staff-code]", code)
    await browser.click("redeem")
    await browser.screen(screen)


async def become_counselor(browser: AppBrowser, code: str) -> str:
    """Redeems a counselor code on the staff screen; returns the name colleagues see."""
    member_scripts = await scripts(browser)
    await browser.click("staff")
    await browser.screen("staff")
    # The staff screens are a chunk of their own, fetched on first use: a member's phone never downloads them.
    assert await scripts(browser) - member_scripts
    await browser.fill("input[name=staff-code]", code)
    await browser.click("redeem")
    await browser.screen("console")
    text = await browser.wait_text("[data-test=my-name]", "Colleagues see you as")
    return text.removeprefix("Colleagues see you as ").strip()


async def staff_invite_in_admin_page(browser: AppBrowser, role_label: str) -> str:
    """On the admin page: a single-use staff invite for the role shown as `role_label`; returns its code."""
    before = set(await texts(browser, "[data-test=staff-invite-code]"))
    await browser.call("select", selector="select[name=invite-role]", text=role_label)
    await browser.click("create-staff-invite")
    for _ in range(300):
        fresh = [c for c in await texts(browser, "[data-test=staff-invite-code]") if c not in before]
        if fresh:
            code = fresh[0]
            assert role_label in await browser.wait_text("[data-test=staff-invite]", code)
            return code
        await browser.call("evaluate", expression="new Promise((r) => setTimeout(r, 50))")
    raise AssertionError(f"no {role_label} invite appeared")


async def approve_in_browser(browser: AppBrowser, pseudonym: str) -> None:
    await browser.wait_text("[data-test=pending]", pseudonym)
    await browser.call("click", selector=f"[data-test=pending]:has-text('{pseudonym}') [data-test=approve]")
    await browser.wait_text("[data-test=group-member]", pseudonym)


async def new_invite_code(browser: AppBrowser) -> str:
    """On the moderator's groups screen: a new invite link for the group; returns its code."""
    before = await browser.call("texts", selector="[data-test=invite-link]")
    await browser.click("new-invite")
    for _ in range(200):
        links = (await browser.call("texts", selector="[data-test=invite-link]"))["texts"]
        if links and links != before["texts"]:
            return str(links[0]).rsplit("#/join/", 1)[1]
        await browser.call("evaluate", expression="new Promise((r) => setTimeout(r, 50))")
    raise AssertionError("no invite link appeared")


async def open_alert(browser: AppBrowser, alert_id: str) -> None:
    await browser.call("wait", selector=f"[data-alert='{alert_id}']", ms=30_000, timeout=60)
    await browser.call("click", selector=f"[data-alert='{alert_id}']")
    await browser.wait_text("[data-test=alert-detail]", "Tier 4")


def column(label: int, inner: str = "") -> str:
    """The CSS selector of the counselor's session column `label` ("Member 1" is 1), or of `inner` inside it."""
    return f"[data-test=session][data-label='{label}'] {inner}".strip()


async def send_in_column(browser: AppBrowser, label: int, text: str) -> None:
    await browser.fill(column(label, "textarea[name=message]"), text)
    await browser.call("click", selector=column(label, "[data-test=send]"))


async def assert_clean_report(browser: AppBrowser, origin: str) -> None:
    """Every request the page made went to `origin`; no CSP violation and no uncaught error was logged."""
    report = await browser.call("report")
    hosts = {urlsplit(url).netloc for url in report["requests"] if not url.startswith(("data:", "blob:"))}
    assert hosts == {urlsplit(origin).netloc}, hosts
    problems = [
        m for m in report["console"] if "Content Security Policy" in m or "Refused to" in m or m.startswith("pageerror")
    ]
    assert problems == [], problems
