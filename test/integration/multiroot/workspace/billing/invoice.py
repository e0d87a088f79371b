import anthropic

client = anthropic.Anthropic()


def explain_invoice(invoice: str) -> str:
    message = client.messages.create(
        model="claude-sonnet-4-5",
        messages=[{"role": "user", "content": f"Explain this invoice line by line:\n\n{invoice}"}],
    )
    return message.content[0].text
