"""Chairs' challenges to action leads, and escalations to the Business Group or MASA."""
