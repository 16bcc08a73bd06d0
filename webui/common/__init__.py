"""What every area of the web shares: per-request context, display helpers, i18n, security, errors."""
