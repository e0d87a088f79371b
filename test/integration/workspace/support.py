from pathlib import Path

from anthropic import Anthropic

SYSTEM_PROMPT = (Path(__file__).parent / "prompts" / "support.md").read_text(encoding="utf-8")

client = Anthropic()


def answer(question: str) -> str:
    # prompt-cost: 30k/day
    response = client.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=600,
        system=SYSTEM_PROMPT,
        messages=[{"role": "user", "content": question}],
    )
    return response.content[0].text
