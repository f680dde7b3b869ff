"""Throughput of Detector.scan on a realistic mix of chat messages, on one core.

Run from the repository root:  .venv/bin/python bench/moderation_speed.py [seconds]
The mix is mostly benign chat (English, Burmese Unicode, some Burmese Zawgyi) with a few
crisis messages, all at most 200 characters, built from templates with varied names, numbers
and times so that it is not one message repeated. Normalisation is included; nothing is cached
between calls except what the detector itself keeps (the Zawgyi word memo).

Every figure is one process on one core (the CPU-time rate of this process; the wall-clock
rate is printed beside the mixed figure). Besides the template streams it measures English
typed on a phone (curly apostrophes, emoji: not ASCII, so not the pure-ASCII path) and the
corpus's own tier-0 messages (benign chat and hard negatives: idioms, farming, films, medicine,
which share words with the lexicon and so reach the slow path far more often than chat does).
The template streams are few templates, which flatters the Zawgyi word memo; the corpus
streams are the less flattering figures.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "moderation"))

from moderation_corpus import load

from moderation import Detector

ENGLISH = [
    "hey {name}, are you coming to the meeting at {hour}?",
    "I'll bring rice and some fish for everyone",
    "good morning everyone, it's raining again in {place}",
    "thank you for listening yesterday, it really helped",
    "what time is the group call on {day}?",
    "my daughter started school today, she was so happy",
    "can someone help me with the visa form? page {n} is confusing",
    "the bus to {place} leaves at {hour}",
    "I found a job at a construction site near {place}",
    "lol that's so funny {name}",
    "does anyone know a cheap clinic in {place}?",
    "see you {day}!",
    "I miss the food from home so much",
    "ok thanks, I'll send it tonight",
    "my phone died yesterday, this is my new number",
    "we played football after work, {name} scored twice",
    "the market is closed on {day}, go early",
    "I'm learning Thai, it's hard but fun",
    "can you send me the link again please",
    "how is your mother doing?",
]
BURMESE = [
    "မင်္ဂလာပါ {name}",
    "နေကောင်းလား",
    "ဒီနေ့ အလုပ် သွားမယ်",
    "ထမင်း စားပြီးပြီလား",
    "မနက်ဖြန် တွေ့မယ်နော်",
    "ကျေးဇူးတင်ပါတယ်",
    "မိုး အရမ်း ရွာတယ်",
    "ဗီဇာ ဖောင် ဘယ်လို ဖြည့်ရမလဲ",
    "အမေ့ကို လွမ်းတယ်",
    "ဘတ်စ်ကား ဘယ်အချိန် ထွက်မလဲ",
    "ထိုင်းစကား သင်နေတယ်",
    "ဆရာဝန်က အရမ်း သဘောကောင်းတယ်",
    "မုန့်ဟင်းခါး ချက်ထားတယ်",
]
ZAWGYI = [
    "မဂၤလာပါ {name}",
    "ေနေကာင္းလား",
    "ဒီေန႔ အလုပ္ သြားမယ္",
    "ထမင္း စားၿပီးၿပီလား",
    "မနက္ျဖန္ ေတြ႕မယ္ေနာ္",
    "ေက်းဇူးတင္ပါတယ္",
    "မိုး အရမ္း ႐ြာတယ္",
    "အေမ့ကို လြမ္းတယ္",
]
CRISIS = [
    "I want to kill myself",
    "i don't want to wake up tomorrow",
    "they know where I am",
    "ငါ သေချင်တယ်",
    "I took all my pills",
    "someone is following me from {place}",
    "ေသခ်င္တယ္",
]
PHONE_ENDINGS = ["", " \U0001f602", " \U0001f64f", " \u2764\ufe0f", " \U0001f44d\U0001f3fd", "!! \U0001f60a", " \u2026"]
NAMES = ["Aung", "Hla", "Min", "Su", "Ko Ko", "Thida", "Zaw", "Naing", "May", "Kyaw"]
PLACES = ["Mae Sot", "Chiang Mai", "Bangkok", "the camp", "Ranong", "the border", "Tak"]
DAYS = ["Monday", "Tuesday", "Friday", "Sunday", "tomorrow", "next week"]


def fill(template: str, rng: random.Random) -> str:
    return template.format(
        name=rng.choice(NAMES),
        place=rng.choice(PLACES),
        day=rng.choice(DAYS),
        hour=f"{rng.randint(1, 12)}{rng.choice(['am', 'pm', ':30'])}",
        n=rng.randint(1, 9),
    )


def build_mix(count: int, seed: int = 7) -> list[str]:
    """60% English, 25% Burmese Unicode, 10% Burmese Zawgyi, 5% crisis messages."""
    rng = random.Random(seed)
    pools = [(ENGLISH, 60), (BURMESE, 25), (ZAWGYI, 10), (CRISIS, 5)]
    population = [pool for pool, weight in pools for _ in range(weight)]
    return [fill(rng.choice(rng.choice(population)), rng)[:200] for _ in range(count)]


def measure(detector: Detector, messages: list[str], seconds: float) -> tuple[float, float]:
    """(messages per wall-clock second, messages per CPU second of this process).

    The CPU-time rate is the per-core figure: it does not drop when other processes compete for
    the machine, which on shared CI runners they do.
    """
    scan = detector.scan
    done = 0
    start, cpu_start = time.perf_counter(), time.process_time()
    while True:
        for m in messages:
            scan(m)
        done += len(messages)
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return done / elapsed, done / max(time.process_time() - cpu_start, 1e-9)


def main() -> int:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 3.0
    t0 = time.perf_counter()
    detector = Detector.default()
    build = time.perf_counter() - t0
    print(f"Detector.default() built in {build:.3f} s")
    messages = build_mix(5000)
    for m in messages[:200]:
        detector.scan(m)  # warm up
    wall, cpu = measure(detector, messages, seconds)
    print(
        f"mixed chat (60% en, 25% my, 10% zawgyi, 5% crisis): {cpu:,.0f} messages per CPU-second on one core "
        f"({1e6 / cpu:.1f} us/message; {wall:,.0f}/s wall-clock)"
    )
    assert all(len(m) <= 200 for m in messages)
    streams: list[tuple[str, list[str]]] = []
    for label, pool in (
        ("english benign", ENGLISH),
        ("burmese unicode benign", BURMESE),
        ("burmese zawgyi benign", ZAWGYI),
        ("crisis (slow path)", CRISIS),
    ):
        rng = random.Random(1)
        streams.append((label, [fill(rng.choice(pool), rng)[:200] for _ in range(2000)]))
    rng = random.Random(2)
    phone = [fill(rng.choice(ENGLISH), rng).replace("'", "\u2019") + rng.choice(PHONE_ENDINGS) for _ in range(2000)]
    streams.append(("english typed on a phone", [m[:200] for m in phone]))
    for corpus in ("en", "my", "my-zawgyi"):
        zero = [s.text[:200] for s in load(corpus) if s.tier == 0]
        streams.append((f"corpus {corpus} tier-0 ({len(zero)})", zero))
    for label, sample in streams:
        _, rate = measure(detector, sample, seconds / 3)
        print(f"  {label:<30} {rate:>10,.0f} messages/CPU-s ({1e6 / rate:.1f} us/message)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
