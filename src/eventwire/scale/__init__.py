"""Coding past one machine. Ray is imported only inside `ray_engine`, so the default install
(and every other command) never needs it: `pip install 'eventwire[ray]'` to use it."""
