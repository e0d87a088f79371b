from pathlib import Path

import anthropic

client = anthropic.Anthropic()
SYSTEM = (Path(__file__).parent / "prompts" / "ranker.md").read_text()


def rank(query: str, documents: str) -> str:
    message = client.messages.create(
        model="claude-sonnet-4-5",
        system=SYSTEM,
        messages=[{"role": "user", "content": f"Query: {query}\n\nDocuments:\n{documents}"}],
    )
    return message.content[0].text
