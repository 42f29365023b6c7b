"""Berika: a validated unit joined with the huvudman's plan: status, trend, röjandekontroll,
charts and theme, into the view the templates show."""
