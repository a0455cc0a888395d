"""The home page after login: the work waiting for each person, their company's or their own state."""
