"""A stand-in for Meta's WhatsApp Cloud API and for the customers who write to it.

``create_graph_app`` serves the Graph API paths the hub calls; ``CloudSimulator`` holds
the behaviour (limits, window, statuses); ``WebhookDeliverer`` pushes signed webhooks to
the hub; ``traffic`` and ``personas`` make customers write.
"""
