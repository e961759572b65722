"""Live updates: the bus that carries a world's changes and task progress to its
open streams (``bus.LiveBus``) and the short-lived tickets that open a stream
(``tickets.LiveTickets``)."""
from services.live.bus import LiveBus, Subscription
from services.live.tickets import LiveTickets

__all__ = ["LiveBus", "LiveTickets", "Subscription"]
