"""Learning into action: sources of learning (reviews, inspections, audits, national
briefings), their findings and recommendations, the actions that answer them, the roll-up
of those actions' statuses as at any day, and the evidence of impact that closes an item."""
