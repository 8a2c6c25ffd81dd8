"""Setting and clearing assurance ratings, and recording outcome evidence."""
