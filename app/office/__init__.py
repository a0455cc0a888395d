"""The office's own data: its head (who signs documents) and its contact details, edited by Admin."""
