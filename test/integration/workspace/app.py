import anthropic

client = anthropic.Anthropic()


def summarize(text: str) -> str:
    message = client.messages.create(
        model="claude-sonnet-4-5",
        messages=[{"role": "user", "content": f"Summarize this:\n\n{text}"}],
    )
    return message.content[0].text
