<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AgentModel</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/agent_model.py" line="+291"/>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In status</source>
        <translation>In status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open ÷ capacity</source>
        <translation>Open ÷ capacity</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Handled today</source>
        <translation>Handled today</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Median reply</source>
        <translation>Median reply</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer waiting</source>
        <translation>Customer waiting</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>%1 of %2</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Nothing known of %1&apos;s status today.</source>
        <translation>Nothing known of %1&apos;s status today.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No customer is waiting on %1.</source>
        <translation>No customer is waiting on %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A customer has been waiting on %1 for %2.</source>
        <translation>A customer has been waiting on %1 for %2.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The median time %1 took to answer a customer today.</source>
        <translation>The median time %1 took to answer a customer today.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Conversations %1 holds now, of how many they may hold.</source>
        <translation>Conversations %1 holds now, of how many they may hold.</translation>
    </message>
</context>
<context>
    <name>AlertActionDialog</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/alert_action_dialog.py" line="+38"/>
        <source>Snooze alert</source>
        <translation>Snooze alert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Acknowledge alert</source>
        <translation>Acknowledge alert</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Alert</source>
        <translation>Alert</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+16"/>
        <source>Snooze for</source>
        <translation>Snooze for</translation>
    </message>
    <message>
        <location line="-10"/>
        <location line="+13"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Why, for the other leads (optional)</source>
        <translation>Why, for the other leads (optional)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What you are doing about it (optional)</source>
        <translation>What you are doing about it (optional)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Snooze</source>
        <translation>Snooze</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Acknowledge</source>
        <translation>Acknowledge</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>15 minutes</source>
        <translation>15 minutes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>30 minutes</source>
        <translation>30 minutes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 hour</source>
        <translation>1 hour</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>2 hours</source>
        <translation>2 hours</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>4 hours</source>
        <translation>4 hours</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>8 hours</source>
        <translation>8 hours</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 day</source>
        <translation>1 day</translation>
    </message>
</context>
<context>
    <name>AlertWords</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/alert_words.py" line="+26"/>
        <source>Critical</source>
        <translation>Critical</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Warning</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Acknowledged</source>
        <translation>Acknowledged</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Snoozed</source>
        <translation>Snoozed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolved</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All</source>
        <translation>All</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Response target missed</source>
        <translation>Response target missed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Response target at risk</source>
        <translation>Response target at risk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customers writing without an answer</source>
        <translation>Customers writing without an answer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Queues with a backlog</source>
        <translation>Queues with a backlog</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customers waiting on an agent</source>
        <translation>Customers waiting on an agent</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>24-hour windows closing soon</source>
        <translation>24-hour windows closing soon</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Customers back soon after a close</source>
        <translation>Customers back soon after a close</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Failed sends</source>
        <translation>Failed sends</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Templates that cannot be sent</source>
        <translation>Templates that cannot be sent</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Guideline blocks and warnings</source>
        <translation>Guideline blocks and warnings</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Promises due soon</source>
        <translation>Promises due soon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue promises</source>
        <translation>Overdue promises</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action logs with a gap</source>
        <translation>Action logs with a gap</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action logs that do not match</source>
        <translation>Action logs that do not match</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>WhatsApp access</source>
        <translation>WhatsApp access</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customers unhappy with how they were served</source>
        <translation>Customers unhappy with how they were served</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Other alerts</source>
        <translation>Other alerts</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>A customer</source>
        <translation>A customer</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Queue %1</source>
        <translation>Queue %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 on %2</source>
        <translation>%1 on %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Template %1 (%2)</source>
        <translation>Template %1 (%2)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
</context>
<context>
    <name>Alerts</name>
    <message>
        <location filename="../../wa_desk/ui/app/alerts.py" line="+77"/>
        <source>an agent</source>
        <translation>an agent</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The action log of %1 on %2 has a gap.</source>
        <translation>The action log of %1 on %2 has a gap.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The action log of %1 on one of their computers has a gap.</source>
        <translation>The action log of %1 on one of their computers has a gap.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server holds it up to entry %1; the computer sent entries from %2 on.</source>
        <translation>The server holds it up to entry %1; the computer sent entries from %2 on.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Next step: ask %1 to keep wa-desk open and connected on that computer so it can send the missing entries again; if this persists, export the audit trail and tell IT.</source>
        <translation>Next step: ask %1 to keep wa-desk open and connected on that computer so it can send the missing entries again; if this persists, export the audit trail and tell IT.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The action log of %1 on %2 no longer matches the server&apos;s copy.</source>
        <translation>The action log of %1 on %2 no longer matches the server&apos;s copy.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The action log of %1 on one of their computers no longer matches the server&apos;s copy.</source>
        <translation>The action log of %1 on one of their computers no longer matches the server&apos;s copy.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>They differ from entry %1 on.</source>
        <translation>They differ from entry %1 on.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next step: export the audit trail and tell IT, who must find out which copy is right; meanwhile ask %1 not to copy or restore wa-desk&apos;s data on that computer.</source>
        <translation>Next step: export the audit trail and tell IT, who must find out which copy is right; meanwhile ask %1 not to copy or restore wa-desk&apos;s data on that computer.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>WhatsApp no longer accepts the server&apos;s access token: messages cannot be sent.</source>
        <translation>WhatsApp no longer accepts the server&apos;s access token: messages cannot be sent.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>WhatsApp error %1.</source>
        <translation>WhatsApp error %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Next step: tell the administrator to renew the WhatsApp access token in the server&apos;s settings; messages that fail meanwhile must be sent again.</source>
        <translation>Next step: tell the administrator to renew the WhatsApp access token in the server&apos;s settings; messages that fail meanwhile must be sent again.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Seen %1 times, first at %2, last at %3.</source>
        <translation>Seen %1 times, first at %2, last at %3.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>When: %1.</source>
        <translation>When: %1.</translation>
    </message>
    <message>
        <location filename="../../wa_desk/ui/app/early_alerts.py" line="+56"/>
        <source>A customer in queue %1 has waited longer than the first-response target.</source>
        <translation>A customer in queue %1 has waited longer than the first-response target.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A customer in queue %1 has waited longer than the next-response target.</source>
        <translation>A customer in queue %1 has waited longer than the next-response target.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A customer in queue %1 is close to missing the first-response target.</source>
        <translation>A customer in queue %1 is close to missing the first-response target.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A customer in queue %1 is close to missing the next-response target.</source>
        <translation>A customer in queue %1 is close to missing the next-response target.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Deadline: %1.</source>
        <translation>Deadline: %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next step: answer them now, or assign the conversation to an available agent.</source>
        <translation>Next step: answer them now, or assign the conversation to an available agent.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Customers waiting in queue %1: %2.</source>
        <translation>Customers waiting in queue %1: %2.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The threshold is %1; the longest has waited since %2.</source>
        <translation>The threshold is %1; the longest has waited since %2.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Next step: ask available agents to take conversations from the queue, or move agents to it.</source>
        <translation>Next step: ask available agents to take conversations from the queue, or move agents to it.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A customer in queue %1 has written %2 messages in a row without an answer.</source>
        <translation>A customer in queue %1 has written %2 messages in a row without an answer.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Next step: open the conversation and make sure someone answers it.</source>
        <translation>Next step: open the conversation and make sure someone answers it.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A customer of queue %1 came back soon after their conversation was closed.</source>
        <translation>A customer of queue %1 came back soon after their conversation was closed.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Previous conversation closed: %1.</source>
        <translation>Previous conversation closed: %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next step: check how the previous conversation ended before answering.</source>
        <translation>Next step: check how the previous conversation ended before answering.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A customer of queue %1 rated their conversation %2 of 5.</source>
        <translation>A customer of queue %1 rated their conversation %2 of 5.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Closed by %1: %2.</source>
        <translation>Closed by %1: %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Next step: read the conversation&apos;s timeline and talk it over with the agent.</source>
        <translation>Next step: read the conversation&apos;s timeline and talk it over with the agent.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Customers waiting on %1: %2.</source>
        <translation>Customers waiting on %1: %2.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The longest has waited %1 minutes.</source>
        <translation>The longest has waited %1 minutes.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Next step: check whether %1 is available, or reassign their waiting conversations.</source>
        <translation>Next step: check whether %1 is available, or reassign their waiting conversations.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The 24-hour window of a waiting customer in queue %1 closes soon.</source>
        <translation>The 24-hour window of a waiting customer in queue %1 closes soon.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Closes: %1. After that, only templates can be sent.</source>
        <translation>Closes: %1. After that, only templates can be sent.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Next step: answer them before the window closes.</source>
        <translation>Next step: answer them before the window closes.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Messages in queue %1 are failing because the customer&apos;s 24-hour window has closed.</source>
        <translation>Messages in queue %1 are failing because the customer&apos;s 24-hour window has closed.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Next step: send an approved template to reopen the conversation.</source>
        <translation>Next step: send an approved template to reopen the conversation.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Messages in queue %1 are failing: the numbers cannot receive them.</source>
        <translation>Messages in queue %1 are failing: the numbers cannot receive them.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next step: check the customers&apos; numbers; they may not use WhatsApp or may have blocked the business.</source>
        <translation>Next step: check the customers&apos; numbers; they may not use WhatsApp or may have blocked the business.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Messages in queue %1 are failing.</source>
        <translation>Messages in queue %1 are failing.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next step: look at the failed messages&apos; errors; if it continues, tell the administrator.</source>
        <translation>Next step: look at the failed messages&apos; errors; if it continues, tell the administrator.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Failed sends: %1; last WhatsApp error: %2.</source>
        <translation>Failed sends: %1; last WhatsApp error: %2.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The template %1 (%2) is paused: it cannot be sent.</source>
        <translation>The template %1 (%2) is paused: it cannot be sent.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The template %1 (%2) was rejected or disabled: it cannot be sent.</source>
        <translation>The template %1 (%2) was rejected or disabled: it cannot be sent.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next step: use another template, and ask the administrator to review this one in WhatsApp Manager.</source>
        <translation>Next step: use another template, and ask the administrator to review this one in WhatsApp Manager.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Many sends were blocked or warned against in queue %1.</source>
        <translation>Many sends were blocked or warned against in queue %1.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Blocked: %1; sent anyway after a warning: %2; in the last %3 minutes.</source>
        <translation>Blocked: %1; sent anyway after a warning: %2; in the last %3 minutes.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Next step: review with the team the rules they keep running into.</source>
        <translation>Next step: review with the team the rules they keep running into.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A promise %1 made to a customer in queue %2 is due soon.</source>
        <translation>A promise %1 made to a customer in queue %2 is due soon.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Due: %1.</source>
        <translation>Due: %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next step: ask %1 to keep it, or to agree a new date with the customer.</source>
        <translation>Next step: ask %1 to keep it, or to agree a new date with the customer.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>A promise %1 made to a customer in queue %2 is overdue.</source>
        <translation>A promise %1 made to a customer in queue %2 is overdue.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>It was due: %1.</source>
        <translation>It was due: %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next step: check with %1; if it cannot be kept, tell the customer and reschedule it.</source>
        <translation>Next step: check with %1; if it cannot be kept, tell the customer and reschedule it.</translation>
    </message>
</context>
<context>
    <name>AlertsController</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/alerts_controller.py" line="+144"/>
        <source>Critical alert</source>
        <translation>Critical alert</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>This alert is not available to you any more.</source>
        <translation>This alert is not available to you any more.</translation>
    </message>
</context>
<context>
    <name>AlertsModel</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/alerts_model.py" line="+301"/>
        <location line="+90"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>since %1</source>
        <translation>since %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Snoozed until %1</source>
        <translation>Snoozed until %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Acknowledged at %1</source>
        <translation>Acknowledged at %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Resolved at %1</source>
        <translation>Resolved at %1</translation>
    </message>
</context>
<context>
    <name>AlertsPanel</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/alerts_panel.py" line="+48"/>
        <source>Show alerts</source>
        <translation>Show alerts</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Show:</source>
        <translation>&amp;Show:</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Alerts</source>
        <translation>Alerts</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Open</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Acknowledge…</source>
        <translation>&amp;Acknowledge…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>S&amp;nooze…</source>
        <translation>S&amp;nooze…</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Open alerts: %1</source>
        <translation>Open alerts: %1</translation>
    </message>
    <message>
        <location line="+113"/>
        <source>No open alerts: nothing needs you right now.</source>
        <translation>No open alerts: nothing needs you right now.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No acknowledged alerts.</source>
        <translation>No acknowledged alerts.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No snoozed alerts.</source>
        <translation>No snoozed alerts.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No resolved alerts.</source>
        <translation>No resolved alerts.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No alerts.</source>
        <translation>No alerts.</translation>
    </message>
</context>
<context>
    <name>AssignController</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/assign_controller.py" line="+117"/>
        <source>Hand the conversation with %1 to an agent of queue %2.</source>
        <translation>Hand the conversation with %1 to an agent of queue %2.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1 holds no open conversation now.</source>
        <translation>%1 holds no open conversation now.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Hand conversations that %1 holds to another agent.</source>
        <translation>Hand conversations that %1 holds to another agent.</translation>
    </message>
    <message>
        <location line="+132"/>
        <source>The hand-over to %1 is kept on this computer and sent when the server is back.</source>
        <translation>The hand-over to %1 is kept on this computer and sent when the server is back.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Closed meanwhile</source>
        <translation>Closed meanwhile</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed hands meanwhile</source>
        <translation>Changed hands meanwhile</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is not an agent of its queue any more, or cannot sign in</source>
        <translation>%1 is not an agent of its queue any more, or cannot sign in</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No longer in your queues</source>
        <translation>No longer in your queues</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The conversation was not assigned to %1. %2.</source>
        <translation>The conversation was not assigned to %1. %2.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 of %2 conversations were not handed to %3.</source>
        <translation>%1 of %2 conversations were not handed to %3.</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/assign_dialog.py" line="+39"/>
        <source>Assign conversation</source>
        <translation>Assign conversation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reassign conversations</source>
        <translation>Reassign conversations</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Conversations</source>
        <translation>Conversations</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Conversations to hand over:</source>
        <translation>Conversations to hand over:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Agents</source>
        <translation>Agents</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Hand over to:</source>
        <translation>Hand over to:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nobody else works in this queue.</source>
        <translation>Nobody else works in this queue.</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+62"/>
        <source>Assign</source>
        <translation>Assign</translation>
    </message>
    <message>
        <location line="-56"/>
        <location line="+56"/>
        <source>Assign anyway</source>
        <translation>Assign anyway</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>%1 is already at capacity (%2 of %3). Assigning to them gives them more than they should hold.</source>
        <translation>%1 is already at capacity (%2 of %3). Assigning to them gives them more than they should hold.</translation>
    </message>
</context>
<context>
    <name>AssigneeModel</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/assignee_model.py" line="+121"/>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open ÷ capacity</source>
        <translation>Open ÷ capacity</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 holds as many conversations as they may already.</source>
        <translation>%1 holds as many conversations as they may already.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Conversations %1 holds now, of how many they may hold.</source>
        <translation>Conversations %1 holds now, of how many they may hold.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 of %2</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (full)</source>
        <translation>%1 (full)</translation>
    </message>
</context>
<context>
    <name>CannedPicker</name>
    <message>
        <location filename="../../wa_desk/ui/conversation/canned_picker.py" line="+37"/>
        <location line="+1"/>
        <source>Canned replies</source>
        <translation>Canned replies</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Search by name, text or tag</source>
        <translation>Search by name, text or tag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search canned replies</source>
        <translation>Search canned replies</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Matching canned replies</source>
        <translation>Matching canned replies</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The customer will read:</source>
        <translation>The customer will read:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Canned reply preview</source>
        <translation>Canned reply preview</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>No canned reply matches “%1”.</source>
        <translation>No canned reply matches “%1”.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>There are no canned replies for this queue.</source>
        <translation>There are no canned replies for this queue.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Enter inserts it; then write %1 in the draft before sending.</source>
        <translation>Enter inserts it; then write %1 in the draft before sending.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Enter inserts it, Esc closes.</source>
        <translation>Enter inserts it, Esc closes.</translation>
    </message>
</context>
<context>
    <name>ChangeAgentDialog</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/change_agent_dialog.py" line="+44"/>
        <source>Change %1</source>
        <translation>Change %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status and capacity of %1</source>
        <translation>Status and capacity of %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+15"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+9"/>
        <source>Capacity</source>
        <translation>Capacity</translation>
    </message>
    <message>
        <location line="-8"/>
        <source> conversations</source>
        <translation> conversations</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The policy&apos;s capacity</source>
        <translation>The policy&apos;s capacity</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Forget this agent&apos;s own capacity: the policy&apos;s applies again.</source>
        <translation>Forget this agent&apos;s own capacity: the policy&apos;s applies again.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Change</source>
        <translation>Change</translation>
    </message>
</context>
<context>
    <name>ChecklistPanel</name>
    <message>
        <location filename="../../wa_desk/ui/customer/checklist_panel.py" line="+23"/>
        <location line="+1"/>
        <source>Checklist</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>* required before closing</source>
        <translation>* required before closing</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Required before closing</source>
        <translation>Required before closing</translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <location filename="../../wa_desk/ui/conversation/close_dialog.py" line="+43"/>
        <location line="+37"/>
        <source>Close conversation</source>
        <translation>Close conversation</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>Disposition</source>
        <translation>Disposition</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+5"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>What was agreed or promised (optional)</source>
        <translation>What was agreed or promised (optional)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How did it end?</source>
        <translation>How did it end?</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+1"/>
        <source>Checklist</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Required before closing</source>
        <translation>Required before closing</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Why it cannot close yet</source>
        <translation>Why it cannot close yet</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Tick the required items before closing: %1</source>
        <translation>Tick the required items before closing: %1</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../wa_desk/ui/conversation/composer.py" line="+180"/>
        <source>Select a conversation to answer it.</source>
        <translation>Select a conversation to answer it.</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+1"/>
        <source>Claim conversation</source>
        <translation>Claim conversation</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This conversation is closed.</source>
        <translation>This conversation is closed.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reopen</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Write a message (Enter sends, Shift+Enter: new line)</source>
        <translation>Write a message (Enter sends, Shift+Enter: new line)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Canned replies…</source>
        <translation>Canned replies…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Insert a canned reply (type / at the start of the message)</source>
        <translation>Insert a canned reply (type / at the start of the message)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Characters</source>
        <translation>Characters</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Guideline</source>
        <translation>Guideline</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send anyway</source>
        <translation>Send anyway</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send anyway, despite the warning</source>
        <translation>Send anyway, despite the warning</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Templates…</source>
        <translation>Templates…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Send template</source>
        <translation>Send template</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Why the template cannot be sent yet</source>
        <translation>Why the template cannot be sent yet</translation>
    </message>
    <message>
        <location line="+128"/>
        <source>%1 is answering this conversation.</source>
        <translation>%1 is answering this conversation.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This conversation is waiting in the queue. Claim it to answer.</source>
        <translation>This conversation is waiting in the queue. Claim it to answer.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>More than 24 hours have passed since the customer last wrote, so WhatsApp only allows approved templates. Send one to restart the conversation.</source>
        <translation>More than 24 hours have passed since the customer last wrote, so WhatsApp only allows approved templates. Send one to restart the conversation.</translation>
    </message>
    <message>
        <location line="+179"/>
        <source>Cannot be sent: %1</source>
        <translation>Cannot be sent: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not sent yet: write the value of %1 in its place (highlighted) first.</source>
        <translation>Not sent yet: write the value of %1 in its place (highlighted) first.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Check before sending: %1</source>
        <translation>Check before sending: %1</translation>
    </message>
</context>
<context>
    <name>ConversationController</name>
    <message>
        <location filename="../../wa_desk/ui/conversation/controller.py" line="+532"/>
        <source>Take over conversation</source>
        <translation>Take over conversation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Take over this conversation from %1?

It becomes yours, and %1 can no longer answer it; they are told that you took it over.</source>
        <translation>Take over this conversation from %1?

It becomes yours, and %1 can no longer answer it; they are told that you took it over.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Take over</source>
        <translation>Take over</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The conversation changed hands meanwhile; look again.</source>
        <translation>The conversation changed hands meanwhile; look again.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 took over this conversation</source>
        <translation>%1 took over this conversation</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Tick the required items before closing: %1</source>
        <translation>Tick the required items before closing: %1</translation>
    </message>
</context>
<context>
    <name>ConversationModel</name>
    <message>
        <location filename="../../wa_desk/ui/conversation/model.py" line="+173"/>
        <source>Not delivered: WhatsApp gave no reason.</source>
        <translation>Not delivered: WhatsApp gave no reason.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not delivered (code %2): %1</source>
        <translation>Not delivered (code %2): %1</translation>
    </message>
    <message>
        <location line="+626"/>
        <source>Reply to an earlier message</source>
        <translation>Reply to an earlier message</translation>
    </message>
</context>
<context>
    <name>ConversationView</name>
    <message>
        <location filename="../../wa_desk/ui/conversation/view.py" line="+125"/>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Conversation state</source>
        <translation>Conversation state</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Release</source>
        <translation>Release</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put the conversation back in its queue</source>
        <translation>Put the conversation back in its queue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transfer…</source>
        <translation>Transfer…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close…</source>
        <translation>Close…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take over…</source>
        <translation>Take over…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Take this conversation from the agent who holds it; it becomes yours</source>
        <translation>Take this conversation from the agent who holds it; it becomes yours</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Assign to…</source>
        <translation>Assign to…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hand this conversation to an agent of its queue, whoever holds it now</source>
        <translation>Hand this conversation to an agent of its queue, whoever holds it now</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+317"/>
        <source>Go to the newest messages</source>
        <translation>Go to the newest messages</translation>
    </message>
    <message>
        <location line="-260"/>
        <source>Open a conversation first.</source>
        <translation>Open a conversation first.</translation>
    </message>
    <message>
        <location line="+123"/>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reply</source>
        <translation>Reply</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copy time</source>
        <translation>Copy time</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This kept a promise…</source>
        <translation>This kept a promise…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>You</source>
        <translation>You</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An agent</source>
        <translation>An agent</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>No conversation selected</source>
        <translation>No conversation selected</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Assigned to %1</source>
        <translation>Assigned to %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting in queue %1</source>
        <translation>Waiting in queue %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closed (%1)</source>
        <translation>Closed (%1)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>24 h window: %1 left</source>
        <translation>24 h window: %1 left</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>24 h window closed</source>
        <translation>24 h window closed</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>1 new message ↓</source>
        <translation>1 new message ↓</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 new messages ↓</source>
        <translation>%1 new messages ↓</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../wa_desk/ui/app/crash_dialog.py" line="+20"/>
        <source>wa-desk hit a problem</source>
        <translation>wa-desk hit a problem</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Something went wrong inside wa-desk. Your messages and actions are saved; you can keep working, but if this happens again, restart the application and send the log file to your IT team.</source>
        <translation>Something went wrong inside wa-desk. Your messages and actions are saved; you can keep working, but if this happens again, restart the application and send the log file to your IT team.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Log file: %1</source>
        <translation>Log file: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not written</source>
        <translation>not written</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Technical details</source>
        <translation>Technical details</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy details</source>
        <translation>Copy details</translation>
    </message>
</context>
<context>
    <name>CustomerController</name>
    <message>
        <location filename="../../wa_desk/ui/customer/controller.py" line="+277"/>
        <source>“%1” cannot be a tag: use letters, digits, “-” and “.”, at most %2 characters.</source>
        <translation>“%1” cannot be a tag: use letters, digits, “-” and “.”, at most %2 characters.</translation>
    </message>
</context>
<context>
    <name>CustomerPanel</name>
    <message>
        <location filename="../../wa_desk/ui/customer/panel.py" line="+70"/>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+3"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="-2"/>
        <location line="+3"/>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Marketing</source>
        <translation>Marketing</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+2"/>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+1"/>
        <source>New tag</source>
        <translation>New tag</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+1"/>
        <source>Add tag</source>
        <translation>Add tag</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+1"/>
        <source>Remove the selected tag</source>
        <translation>Remove the selected tag</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+2"/>
        <source>Private notes</source>
        <translation>Private notes</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Only agents see notes</source>
        <translation>Only agents see notes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New note</source>
        <translation>New note</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add note</source>
        <translation>Add note</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+2"/>
        <source>Earlier conversations</source>
        <translation>Earlier conversations</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>(unknown)</source>
        <translation>(unknown)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>1 other conversation in queues you cannot open</source>
        <translation>1 other conversation in queues you cannot open</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 other conversations in queues you cannot open</source>
        <translation>%1 other conversations in queues you cannot open</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>None: first conversation</source>
        <translation>None: first conversation</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stop marketing</source>
        <translation>Stop marketing</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Allow marketing again</source>
        <translation>Allow marketing again</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The customer asked not to receive marketing messages</source>
        <translation>The customer asked not to receive marketing messages</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The customer asked to receive marketing messages again</source>
        <translation>The customer asked to receive marketing messages again</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>nobody</source>
        <translation>nobody</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>closed: %1</source>
        <translation>closed: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no disposition</source>
        <translation>no disposition</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>still open</source>
        <translation>still open</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>on transfer</source>
        <translation>on transfer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>on closing</source>
        <translation>on closing</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>sending…</source>
        <translation>sending…</translation>
    </message>
</context>
<context>
    <name>DeliveryErrors</name>
    <message>
        <location filename="../../wa_desk/ui/conversation/delivery_errors.py" line="+18"/>
        <source>More than 24 hours have passed since the customer last wrote: send an approved template.</source>
        <translation>More than 24 hours have passed since the customer last wrote: send an approved template.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The business&apos;s WhatsApp account has a payment problem, so nothing can be sent. Tell your supervisor.</source>
        <translation>The business&apos;s WhatsApp account has a payment problem, so nothing can be sent. Tell your supervisor.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>WhatsApp could not deliver it to this number: it may not be on WhatsApp, or the customer may need to update the app or accept WhatsApp&apos;s terms. Try another way to reach them.</source>
        <translation>WhatsApp could not deliver it to this number: it may not be on WhatsApp, or the customer may need to update the app or accept WhatsApp&apos;s terms. Try another way to reach them.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>WhatsApp chose not to deliver this marketing message, to limit how many a customer receives. Do not resend it now: try later, or wait for the customer to write.</source>
        <translation>WhatsApp chose not to deliver this marketing message, to limit how many a customer receives. Do not resend it now: try later, or wait for the customer to write.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The customer turned off marketing messages from this business. Do not send them marketing; you can still answer what they ask.</source>
        <translation>The customer turned off marketing messages from this business. Do not send them marketing; you can still answer what they ask.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>WhatsApp does not accept this kind of message. Send it as text or as another kind of file.</source>
        <translation>WhatsApp does not accept this kind of message. Send it as text or as another kind of file.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The customer&apos;s file could not be downloaded from WhatsApp. Ask them to send it again.</source>
        <translation>The customer&apos;s file could not be downloaded from WhatsApp. Ask them to send it again.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>WhatsApp could not take the attached file (its type or its size). Try another format or a smaller file.</source>
        <translation>WhatsApp could not take the attached file (its type or its size). Try another format or a smaller file.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The business&apos;s WhatsApp account is locked, so nothing can be sent. Tell your supervisor.</source>
        <translation>The business&apos;s WhatsApp account is locked, so nothing can be sent. Tell your supervisor.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Too many messages to this customer in a short time. Wait a little, then send it again.</source>
        <translation>Too many messages to this customer in a short time. Wait a little, then send it again.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This number reached WhatsApp&apos;s sending speed limit. Wait a minute, then send it again.</source>
        <translation>This number reached WhatsApp&apos;s sending speed limit. Wait a minute, then send it again.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The business&apos;s WhatsApp account reached its sending limit. Wait a while, then send it again.</source>
        <translation>The business&apos;s WhatsApp account reached its sending limit. Wait a while, then send it again.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>WhatsApp is limiting this number because customers blocked or reported its messages as spam. Send only what customers expect, and tell your supervisor.</source>
        <translation>WhatsApp is limiting this number because customers blocked or reported its messages as spam. Send only what customers expect, and tell your supervisor.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The template was sent with the wrong number of fields. Fill it in again; if it keeps failing, tell your supervisor.</source>
        <translation>The template was sent with the wrong number of fields. Fill it in again; if it keeps failing, tell your supervisor.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>That template does not exist on WhatsApp in this language, or is not approved yet. Choose another template.</source>
        <translation>That template does not exist on WhatsApp in this language, or is not approved yet. Choose another template.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The template is too long with what you filled in. Shorten the fields and send it again.</source>
        <translation>The template is too long with what you filled in. Shorten the fields and send it again.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>WhatsApp says this template&apos;s content breaks one of its policies. Choose another template and tell your supervisor.</source>
        <translation>WhatsApp says this template&apos;s content breaks one of its policies. Choose another template and tell your supervisor.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A field of the template is not in the format the template expects (a date, a number, a file…). Correct it and send it again.</source>
        <translation>A field of the template is not in the format the template expects (a date, a number, a file…). Correct it and send it again.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>WhatsApp paused this template for low quality. Choose another template.</source>
        <translation>WhatsApp paused this template for low quality. Choose another template.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>WhatsApp disabled this template for low quality. Choose another template.</source>
        <translation>WhatsApp disabled this template for low quality. Choose another template.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The business number is not registered with WhatsApp, so nothing can be sent. Tell your supervisor.</source>
        <translation>The business number is not registered with WhatsApp, so nothing can be sent. Tell your supervisor.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Something went wrong at WhatsApp. Send it again in a moment.</source>
        <translation>Something went wrong at WhatsApp. Send it again in a moment.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The message was missing a part WhatsApp requires. Check it and send it again.</source>
        <translation>The message was missing a part WhatsApp requires. Check it and send it again.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A part of the message is not valid for WhatsApp. Check it and send it again.</source>
        <translation>A part of the message is not valid for WhatsApp. Check it and send it again.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The customer&apos;s number is the business&apos;s own number: it cannot send to itself.</source>
        <translation>The customer&apos;s number is the business&apos;s own number: it cannot send to itself.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The business&apos;s WhatsApp account is temporarily blocked for breaking a WhatsApp policy. Tell your supervisor.</source>
        <translation>The business&apos;s WhatsApp account is temporarily blocked for breaking a WhatsApp policy. Tell your supervisor.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server&apos;s access to WhatsApp has expired, so nothing can be sent. Tell your supervisor.</source>
        <translation>The server&apos;s access to WhatsApp has expired, so nothing can be sent. Tell your supervisor.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>WhatsApp gave no reason.</source>
        <translation>WhatsApp gave no reason.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>WhatsApp refused it for a reason this version does not know (code %1).</source>
        <translation>WhatsApp refused it for a reason this version does not know (code %1).</translation>
    </message>
</context>
<context>
    <name>Drilldown</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/drilldown_model.py" line="+50"/>
        <source>Opened</source>
        <translation>Opened</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Queue</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Agents</source>
        <translation>Agents</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>First response</source>
        <translation>First response</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Resolution</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Handle</source>
        <translation>Handle</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>SLA breached</source>
        <translation>SLA breached</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Abandoned</source>
        <translation>Abandoned</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Transfers</source>
        <translation>Transfers</translation>
    </message>
</context>
<context>
    <name>Heatmap</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/heatmap_words.py" line="+15"/>
        <source>Messages received</source>
        <translation>Messages received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conversations opened</source>
        <translation>Conversations opened</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customers waiting</source>
        <translation>Customers waiting</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First response time (median)</source>
        <translation>First response time (median)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>SLA breaches</source>
        <translation>SLA breaches</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Abandoned</source>
        <translation>Abandoned</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>By queue</source>
        <translation>By queue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By agent</source>
        <translation>By agent</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Last 24 hours (15 min)</source>
        <translation>Last 24 hours (15 min)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 7 days (hourly)</source>
        <translation>Last 7 days (hourly)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weekday × hour, 4 weeks</source>
        <translation>Weekday × hour, 4 weeks</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Weekday × hour, 8 weeks</source>
        <translation>Weekday × hour, 8 weeks</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>messages</source>
        <translation>messages</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>conversations</source>
        <translation>conversations</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>customers</source>
        <translation>customers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>median time</source>
        <translation>median time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>breached clocks</source>
        <translation>breached clocks</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>abandoned periods</source>
        <translation>abandoned periods</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 per week (mean)</source>
        <translation>%1 per week (mean)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no data</source>
        <translation>no data</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>%1 h %2 min %3 s</source>
        <translation>%1 h %2 min %3 s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%2 min %3 s</source>
        <translation>%2 min %3 s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%3 s</source>
        <translation>%3 s</translation>
    </message>
</context>
<context>
    <name>HeatmapController</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/heatmap_controller.py" line="+96"/>
        <source>Could not update: %1</source>
        <translation>Could not update: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Updating…</source>
        <translation>Updating…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Updated at %1</source>
        <translation>Updated at %1</translation>
    </message>
</context>
<context>
    <name>HeatmapModel</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/heatmap_model.py" line="+165"/>
        <source>%1 — %2: %3 %4</source>
        <translation>%1 — %2: %3 %4</translation>
    </message>
</context>
<context>
    <name>HeatmapPanel</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/heatmap_panel.py" line="+65"/>
        <source>Figure</source>
        <translation>Figure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rows</source>
        <translation>Rows</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Range</source>
        <translation>Range</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Figure:</source>
        <translation>&amp;Figure:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>R&amp;ows:</source>
        <translation>R&amp;ows:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>R&amp;ange:</source>
        <translation>R&amp;ange:</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+85"/>
        <location line="+41"/>
        <source>Click a cell to see the conversations behind it.</source>
        <translation>Click a cell to see the conversations behind it.</translation>
    </message>
    <message>
        <location line="-103"/>
        <source>Conversations behind the cell</source>
        <translation>Conversations behind the cell</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+61"/>
        <location line="+41"/>
        <location line="+13"/>
        <source>Open a conversation to see its timeline.</source>
        <translation>Open a conversation to see its timeline.</translation>
    </message>
    <message>
        <location line="-100"/>
        <source>Timeline</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>No queues or agents to show.</source>
        <translation>No queues or agents to show.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Conversations behind %1</source>
        <translation>Conversations behind %1</translation>
    </message>
</context>
<context>
    <name>HeatmapView</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/heatmap_view.py" line="+109"/>
        <source>Heat-map</source>
        <translation>Heat-map</translation>
    </message>
    <message>
        <location line="+181"/>
        <location line="+202"/>
        <source>Nothing to show yet</source>
        <translation>Nothing to show yet</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <location filename="../../wa_desk/ui/shell/help_dialog.py" line="+22"/>
        <location line="+2"/>
        <source>Keyboard shortcuts</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Keys</source>
        <translation>Keys</translation>
    </message>
</context>
<context>
    <name>InboxDelegate</name>
    <message>
        <location filename="../../wa_desk/ui/inbox/delegate.py" line="+140"/>
        <source>Window closed</source>
        <translation>Window closed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Window %1</source>
        <translation>Window %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>assigned</source>
        <translation>assigned</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>waiting in queue</source>
        <translation>waiting in queue</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>closed</source>
        <translation>closed</translation>
    </message>
</context>
<context>
    <name>InboxView</name>
    <message>
        <location filename="../../wa_desk/ui/inbox/view.py" line="+50"/>
        <source>Show %1</source>
        <translation>Show %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Search name, number or message</source>
        <translation>Search name, number or message</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search conversations</source>
        <translation>Search conversations</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+1"/>
        <source>Order of the conversations</source>
        <translation>Order of the conversations</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Longest waiting</source>
        <translation>Longest waiting</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Newest activity</source>
        <translation>Newest activity</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sort by</source>
        <translation>Sort by</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Conversations</source>
        <translation>Conversations</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Mine</source>
        <translation>Mine</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Queue</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All</source>
        <translation>All</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>%1 (%2)</source>
        <comment>an inbox view and how many conversations it holds</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>No conversation matches “%1”. Check the spelling or search by phone number.</source>
        <translation>No conversation matches “%1”. Check the spelling or search by phone number.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>You have no conversations assigned. Take one from Queue.</source>
        <translation>You have no conversations assigned. Take one from Queue.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No conversations waiting in your queues.</source>
        <translation>No conversations waiting in your queues.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No conversations yet. They appear here as customers write.</source>
        <translation>No conversations yet. They appear here as customers write.</translation>
    </message>
</context>
<context>
    <name>KeptByMessageDialog</name>
    <message>
        <location filename="../../wa_desk/ui/common/promise_kept_dialog.py" line="+108"/>
        <source>Promise kept</source>
        <translation>Promise kept</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Which of your replies kept “%1”?</source>
        <translation>Which of your replies kept “%1”?</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Template %1</source>
        <translation>Template %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>None of them: kept another way (a call, an email…)</source>
        <translation>None of them: kept another way (a call, an email…)</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../wa_desk/ui/common/labels.py" line="+14"/>
        <source>Available</source>
        <translation>Available</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Busy</source>
        <translation>Busy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Away</source>
        <translation>Away</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Off shift</source>
        <translation>Off shift</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Resolved</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer stopped answering</source>
        <translation>Customer stopped answering</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Escalated</source>
        <translation>Escalated</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sale closed</source>
        <translation>Sale closed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spam or wrong number</source>
        <translation>Spam or wrong number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other</source>
        <translation>Other</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../wa_desk/ui/shell/main_window.py" line="+148"/>
        <location line="+39"/>
        <source>Connection</source>
        <translation>Connection</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your status</source>
        <translation>Your status</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign &amp;out</source>
        <translation>Sign &amp;out</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;My conversations</source>
        <translation>&amp;My conversations</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Queue</source>
        <translation>&amp;Queue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;All conversations</source>
        <translation>&amp;All conversations</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>C&amp;ustomer panel</source>
        <translation>C&amp;ustomer panel</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Show or hide the customer panel (%1)</source>
        <translation>Show or hide the customer panel (%1)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Jump to conversation…</source>
        <translation>&amp;Jump to conversation…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>My &amp;day…</source>
        <translation>My &amp;day…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;About wa-desk</source>
        <translation>&amp;About wa-desk</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open &amp;log folder</source>
        <translation>Open &amp;log folder</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Inbox</source>
        <translation>&amp;Inbox</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Supervisor</source>
        <translation>&amp;Supervisor</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>wa-desk — %1</source>
        <translation>wa-desk — %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>○ Signed out</source>
        <translation>○ Signed out</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>● Connected to the server</source>
        <translation>● Connected to the server</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>○ No connection</source>
        <translation>○ No connection</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No connection to the server, retrying in %1 s.</source>
        <translation>No connection to the server, retrying in %1 s.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No connection to the server. Reconnecting…</source>
        <translation>No connection to the server. Reconnecting…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What you write is kept and sent when the connection returns.</source>
        <translation>What you write is kept and sent when the connection returns.</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>About wa-desk</source>
        <translation>About wa-desk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>wa-desk %1
WhatsApp shared inbox for contact centers.</source>
        <translation>wa-desk %1
WhatsApp shared inbox for contact centers.</translation>
    </message>
</context>
<context>
    <name>MediaImageDialog</name>
    <message>
        <location filename="../../wa_desk/ui/media/viewer.py" line="+51"/>
        <source>Picture sent by the customer</source>
        <translation>Picture sent by the customer</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <location filename="../../wa_desk/ui/shell/message_bar.py" line="+38"/>
        <source>Dismiss</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Notice</source>
        <translation>Notice</translation>
    </message>
</context>
<context>
    <name>MessageContent</name>
    <message>
        <location filename="../../wa_desk/ui/conversation/message_content.py" line="+73"/>
        <source>No usable coordinates</source>
        <translation>No usable coordinates</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Location</source>
        <translation>Location</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>(no name)</source>
        <translation>(no name)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Contact card</source>
        <translation>Contact card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(empty card)</source>
        <translation>(empty card)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Photo</source>
        <translation>Photo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Video</source>
        <translation>Video</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sticker</source>
        <translation>Sticker</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Voice message</source>
        <translation>Voice message</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>document</source>
        <translation>document</translation>
    </message>
    <message>
        <location line="+62"/>
        <location line="+68"/>
        <source>Button reply</source>
        <translation>Button reply</translation>
    </message>
    <message>
        <location line="-67"/>
        <source>List reply</source>
        <translation>List reply</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Form reply</source>
        <translation>Form reply</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Interactive reply</source>
        <translation>Interactive reply</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Order</source>
        <translation>Order</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>WhatsApp did not say why.</source>
        <translation>WhatsApp did not say why.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Message type not supported</source>
        <translation>Message type not supported</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason: %1</source>
        <translation>Reason: %1</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>WhatsApp system notice</source>
        <translation>WhatsApp system notice</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Template %1</source>
        <translation>Template %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The customer deleted a message.</source>
        <translation>The customer deleted a message.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Edited message</source>
        <translation>Edited message</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reaction</source>
        <translation>Reaction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(reaction removed)</source>
        <translation>(reaction removed)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unknown message type</source>
        <translation>Unknown message type</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This version of wa-desk cannot show it.</source>
        <translation>This version of wa-desk cannot show it.</translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <location filename="../../wa_desk/ui/conversation/message_delegate.py" line="+259"/>
        <location line="+268"/>
        <source>Deleted by the customer</source>
        <translation>Deleted by the customer</translation>
    </message>
    <message>
        <location line="-237"/>
        <source>Flagged: %1</source>
        <translation>Flagged: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Flagged</source>
        <translation>Flagged</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Show less</source>
        <translation>Show less</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show more</source>
        <translation>Show more</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open in OpenStreetMap</source>
        <translation>Open in OpenStreetMap</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Download</source>
        <translation>Download</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Automatic</source>
        <translation>Automatic</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>edited</source>
        <translation>edited</translation>
    </message>
</context>
<context>
    <name>MyDayDialog</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/my_day_dialog.py" line="+41"/>
        <source>Conversations</source>
        <translation>Conversations</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Response times</source>
        <translation>Response times</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Service level</source>
        <translation>Service level</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Customers and guidelines</source>
        <translation>Customers and guidelines</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Promises</source>
        <translation>Promises</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Customer satisfaction</source>
        <translation>Customer satisfaction</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>My day</source>
        <translation>My day</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Your own figures over the conversations you held, the same your supervisor sees about you.</source>
        <translation>Your own figures over the conversations you held, the same your supervisor sees about you.</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Loading your figures…</source>
        <translation>Loading your figures…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>You held no conversation opened in this range.</source>
        <translation>You held no conversation opened in this range.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Figures as of %1</source>
        <translation>Figures as of %1</translation>
    </message>
</context>
<context>
    <name>Names</name>
    <message>
        <location filename="../../wa_desk/ui/common/names.py" line="+28"/>
        <source>Unknown customer</source>
        <translation>Unknown customer</translation>
    </message>
</context>
<context>
    <name>OptOutLabel</name>
    <message>
        <location filename="../../wa_desk/ui/customer/opt_out_label.py" line="+25"/>
        <source>Marketing messages</source>
        <translation>Marketing messages</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Accepted</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Marketing templates cannot be sent to this customer. Utility templates, and free text while the 24-hour window is open, still can.</source>
        <translation>Marketing templates cannot be sent to this customer. Utility templates, and free text while the 24-hour window is open, still can.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>the customer wrote “%1”</source>
        <translation>the customer wrote “%1”</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>WhatsApp refused a marketing template (error %1)</source>
        <translation>WhatsApp refused a marketing template (error %1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the customer stopped marketing in WhatsApp</source>
        <translation>the customer stopped marketing in WhatsApp</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>recorded by %1</source>
        <translation>recorded by %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>recorded by the team</source>
        <translation>recorded by the team</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opted out since %1: %2.</source>
        <translation>Opted out since %1: %2.</translation>
    </message>
</context>
<context>
    <name>ProblemWords</name>
    <message>
        <location filename="../../wa_desk/ui/conversation/problem_words.py" line="+20"/>
        <source>WhatsApp did not say which business number this came to.</source>
        <translation>WhatsApp did not say which business number this came to.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>WhatsApp gave no usable time for this message: the time shown is when the server received it.</source>
        <translation>WhatsApp gave no usable time for this message: the time shown is when the server received it.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The sender&apos;s number came in an unusual form: check it is the right customer.</source>
        <translation>The sender&apos;s number came in an unusual form: check it is the right customer.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>WhatsApp did not name the sender; it was taken from the contact details.</source>
        <translation>WhatsApp did not name the sender; it was taken from the contact details.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The customer is known by a WhatsApp user id only, without a phone number.</source>
        <translation>The customer is known by a WhatsApp user id only, without a phone number.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>WhatsApp sent this message without an id: replies and reactions to it may not link up.</source>
        <translation>WhatsApp sent this message without an id: replies and reactions to it may not link up.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>WhatsApp sent this message&apos;s id in an unusual form.</source>
        <translation>WhatsApp sent this message&apos;s id in an unusual form.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>WhatsApp did not say what kind of message this is; it is shown from its content.</source>
        <translation>WhatsApp did not say what kind of message this is; it is shown from its content.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>WhatsApp did not say what kind of message this is, and it could not be worked out.</source>
        <translation>WhatsApp did not say what kind of message this is, and it could not be worked out.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This kind of message cannot be shown by this version of wa-desk.</source>
        <translation>This kind of message cannot be shown by this version of wa-desk.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>WhatsApp reported an error with this message that could not be read.</source>
        <translation>WhatsApp reported an error with this message that could not be read.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The message arrived without its content: ask the customer to send it again.</source>
        <translation>The message arrived without its content: ask the customer to send it again.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The message&apos;s content could not be read: ask the customer to send it again.</source>
        <translation>The message&apos;s content could not be read: ask the customer to send it again.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Part of the message&apos;s text could not be read: ask the customer to send it again.</source>
        <translation>Part of the message&apos;s text could not be read: ask the customer to send it again.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The file in this message cannot be downloaded: ask the customer to send it again.</source>
        <translation>The file in this message cannot be downloaded: ask the customer to send it again.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The shared location has no usable position.</source>
        <translation>The shared location has no usable position.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The shared contacts could not be read.</source>
        <translation>The shared contacts could not be read.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A shared contact could not be read.</source>
        <translation>A shared contact could not be read.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>WhatsApp did not say which message this reaction is for.</source>
        <translation>WhatsApp did not say which message this reaction is for.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The customer answered with a kind of reply this version cannot read.</source>
        <translation>The customer answered with a kind of reply this version cannot read.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The order arrived without its products.</source>
        <translation>The order arrived without its products.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A product of the order could not be read.</source>
        <translation>A product of the order could not be read.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>WhatsApp did not say which message the customer edited.</source>
        <translation>WhatsApp did not say which message the customer edited.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The customer edited a message, but the new text did not arrive.</source>
        <translation>The customer edited a message, but the new text did not arrive.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The customer deleted a message, but WhatsApp did not say which.</source>
        <translation>The customer deleted a message, but WhatsApp did not say which.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Something in this message could not be read (%1).</source>
        <translation>Something in this message could not be read (%1).</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Something in this message could not be read.</source>
        <translation>Something in this message could not be read.</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <location filename="../../wa_desk/ui/app/problems.py" line="+83"/>
        <source>The server cannot be reached.</source>
        <translation>The server cannot be reached.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your work is kept and sent when the connection returns. Check your network or ask IT whether the server is running.</source>
        <translation>Your work is kept and sent when the connection returns. Check your network or ask IT whether the server is running.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Retry now</source>
        <translation>Retry now</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server&apos;s security certificate is not trusted.</source>
        <translation>The server&apos;s security certificate is not trusted.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Do not continue on this network. Ask IT to check the server&apos;s certificate or the address you signed in to.</source>
        <translation>Do not continue on this network. Ask IT to check the server&apos;s certificate or the address you signed in to.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The disk is full: wa-desk cannot save your work locally.</source>
        <translation>The disk is full: wa-desk cannot save your work locally.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Free some disk space; wa-desk retries by itself.</source>
        <translation>Free some disk space; wa-desk retries by itself.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The server refused the action.</source>
        <translation>The server refused the action.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read the reason below; the conversation may have changed meanwhile.</source>
        <translation>Read the reason below; the conversation may have changed meanwhile.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The server could not complete the action.</source>
        <translation>The server could not complete the action.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try again in a moment; if it persists, tell IT what it says below.</source>
        <translation>Try again in a moment; if it persists, tell IT what it says below.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>wa-desk could not record this on your computer.</source>
        <translation>wa-desk could not record this on your computer.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing was sent. Try again; if it persists, restart wa-desk or tell IT what it says below.</source>
        <translation>Nothing was sent. Try again; if it persists, restart wa-desk or tell IT what it says below.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>That cannot be used as it is.</source>
        <translation>That cannot be used as it is.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Correct it as said below and try again.</source>
        <translation>Correct it as said below and try again.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your action log cannot be synced with the server.</source>
        <translation>Your action log cannot be synced with the server.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your actions are kept on this computer and sent again later. If this persists, tell IT what it says below.</source>
        <translation>Your actions are kept on this computer and sent again later. If this persists, tell IT what it says below.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Your session has expired.</source>
        <translation>Your session has expired.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in again to keep receiving conversations.</source>
        <translation>Sign in again to keep receiving conversations.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sign in again</source>
        <translation>Sign in again</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The settings from your IT department could not all be applied.</source>
        <translation>The settings from your IT department could not all be applied.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>wa-desk uses your own settings instead. Tell IT: the line above says what to fix in their file.</source>
        <translation>wa-desk uses your own settings instead. Tell IT: the line above says what to fix in their file.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A conversation was taken over from you.</source>
        <translation>A conversation was taken over from you.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It is no longer yours: you cannot answer it any more.</source>
        <translation>It is no longer yours: you cannot answer it any more.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The file was not saved.</source>
        <translation>The file was not saved.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing half-written was left. Read why below, then try again.</source>
        <translation>Nothing half-written was left. Read why below, then try again.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This file is no longer available from WhatsApp.</source>
        <translation>This file is no longer available from WhatsApp.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>WhatsApp keeps customers&apos; files for 7 days and the server no longer has a copy. Ask the customer to send it again.</source>
        <translation>WhatsApp keeps customers&apos; files for 7 days and the server no longer has a copy. Ask the customer to send it again.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Something went wrong.</source>
        <translation>Something went wrong.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try again; if it persists, tell IT.</source>
        <translation>Try again; if it persists, tell IT.</translation>
    </message>
    <message>
        <location line="-55"/>
        <source>No system keyring: you will have to sign in at every start.</source>
        <translation>No system keyring: you will have to sign in at every start.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your session is kept in memory only, never on disk. Ask IT to enable the system&apos;s secret service to stay signed in.</source>
        <translation>Your session is kept in memory only, never on disk. Ask IT to enable the system&apos;s secret service to stay signed in.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The server reports a problem.</source>
        <translation>The server reports a problem.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sending may fail until an administrator fixes it.</source>
        <translation>Sending may fail until an administrator fixes it.</translation>
    </message>
</context>
<context>
    <name>PromiseDialog</name>
    <message>
        <location filename="../../wa_desk/ui/common/promise_dialog.py" line="+40"/>
        <source>A promise that will not be kept</source>
        <translation>A promise that will not be kept</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move a promise to another date</source>
        <translation>Move a promise to another date</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+15"/>
        <source>Promise</source>
        <translation>Promise</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>What was promised</source>
        <translation>What was promised</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+20"/>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>What the customer was told</source>
        <translation>What the customer was told</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>What</source>
        <translation>What</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+2"/>
        <source>By when</source>
        <translation>By when</translation>
    </message>
</context>
<context>
    <name>PromiseKeptByDialog</name>
    <message>
        <location filename="../../wa_desk/ui/common/promise_kept_dialog.py" line="+21"/>
        <source>Which promise did this reply keep? “%1”</source>
        <translation>Which promise did this reply keep? “%1”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Which promise did this reply keep?</source>
        <translation>Which promise did this reply keep?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Promise kept</source>
        <translation>Promise kept</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>due %1</source>
        <translation>due %1</translation>
    </message>
</context>
<context>
    <name>PromiseOfferBar</name>
    <message>
        <location filename="../../wa_desk/ui/conversation/promise_offer.py" line="+33"/>
        <source>Record promise…</source>
        <translation>Record promise…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not a promise</source>
        <translation>Not a promise</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Record this as a promise? “%1”</source>
        <translation>Record this as a promise? “%1”</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Record this as a promise? “%1”, due %2</source>
        <translation>Record this as a promise? “%1”, due %2</translation>
    </message>
</context>
<context>
    <name>PromisesBox</name>
    <message>
        <location filename="../../wa_desk/ui/customer/promises_box.py" line="+40"/>
        <location line="+4"/>
        <source>Open promises</source>
        <translation>Open promises</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Kept</source>
        <translation>Kept</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The selected promise was kept: say which of your replies kept it</source>
        <translation>The selected promise was kept: say which of your replies kept it</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New date…</source>
        <translation>New date…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move the selected promise to another date, with the reason</source>
        <translation>Move the selected promise to another date, with the reason</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Won&apos;t be kept…</source>
        <translation>Won&apos;t be kept…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The selected promise will not be kept: say why</source>
        <translation>The selected promise will not be kept: say why</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record a promise made to the customer</source>
        <translation>Record a promise made to the customer</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>None open</source>
        <translation>None open</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>overdue since %1</source>
        <translation>overdue since %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>due %1</source>
        <translation>due %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>promised by %1, %2</source>
        <translation>promised by %1, %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>owner %1</source>
        <translation>owner %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not yet on the server</source>
        <translation>not yet on the server</translation>
    </message>
</context>
<context>
    <name>QueueTiles</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/queue_tiles.py" line="+205"/>
        <source>Queues</source>
        <translation>Queues</translation>
    </message>
</context>
<context>
    <name>RangePicker</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/range_picker.py" line="+36"/>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yesterday</source>
        <translation>Yesterday</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 7 days</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This month</source>
        <translation>This month</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom</source>
        <translation>Custom</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>To</source>
        <translation>To</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>First day</source>
        <translation>First day</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last day (included)</source>
        <translation>Last day (included)</translation>
    </message>
</context>
<context>
    <name>Refusals</name>
    <message>
        <location filename="../../wa_desk/ui/app/refusals.py" line="+24"/>
        <source>Another agent took this conversation first.</source>
        <translation>Another agent took this conversation first.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only the agent who holds this conversation can do that.</source>
        <translation>Only the agent who holds this conversation can do that.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This conversation is closed; reopen it first.</source>
        <translation>This conversation is closed; reopen it first.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This conversation is not closed.</source>
        <translation>This conversation is not closed.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>More than 24 hours have passed since the customer last wrote: only an approved template can be sent.</source>
        <translation>More than 24 hours have passed since the customer last wrote: only an approved template can be sent.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>That agent or queue cannot take the conversation.</source>
        <translation>That agent or queue cannot take the conversation.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The template has changed on WhatsApp since it was loaded, so it was not sent. It has been loaded again: fill it in once more.</source>
        <translation>The template has changed on WhatsApp since it was loaded, so it was not sent. It has been loaded again: fill it in once more.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>That closing reason is not one of this queue&apos;s.</source>
        <translation>That closing reason is not one of this queue&apos;s.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tick the required checklist items before closing.</source>
        <translation>Tick the required checklist items before closing.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The message you answered is not part of this conversation, so the reply was not sent.</source>
        <translation>The message you answered is not part of this conversation, so the reply was not sent.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The message breaks a rule of your organisation and was not sent.</source>
        <translation>The message breaks a rule of your organisation and was not sent.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>That tag cannot be used.</source>
        <translation>That tag cannot be used.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This conversation is not available to you any more.</source>
        <translation>This conversation is not available to you any more.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You are not allowed to do that.</source>
        <translation>You are not allowed to do that.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only a supervisor of this queue can take over a conversation.</source>
        <translation>Only a supervisor of this queue can take over a conversation.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nobody holds this conversation: claim it instead.</source>
        <translation>Nobody holds this conversation: claim it instead.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This conversation is already yours.</source>
        <translation>This conversation is already yours.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This customer stopped marketing messages, so the marketing template was not sent. A utility template can still go.</source>
        <translation>This customer stopped marketing messages, so the marketing template was not sent. A utility template can still go.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>WhatsApp did not deliver the message.</source>
        <translation>WhatsApp did not deliver the message.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server had a problem and could not do it. Try again later.</source>
        <translation>The server had a problem and could not do it. Try again later.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This alert is resolved: what caused it has cleared by itself.</source>
        <translation>This alert is resolved: what caused it has cleared by itself.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This message has no file to download.</source>
        <translation>This message has no file to download.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This file is larger than the server is set to download from WhatsApp.</source>
        <translation>This file is larger than the server is set to download from WhatsApp.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server could not accept it as it was.</source>
        <translation>The server could not accept it as it was.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>That promise was already kept or given up; record a new one instead.</source>
        <translation>That promise was already kept or given up; record a new one instead.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>That promise could not be recorded: record it again.</source>
        <translation>That promise could not be recorded: record it again.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The message named with the promise is not part of this conversation.</source>
        <translation>The message named with the promise is not part of this conversation.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The message picked as keeping the promise is not one of this customer&apos;s, so the promise is still open.</source>
        <translation>The message picked as keeping the promise is not one of this customer&apos;s, so the promise is still open.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>That colleague does not work in this conversation&apos;s queue.</source>
        <translation>That colleague does not work in this conversation&apos;s queue.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The server refused it (code %1).</source>
        <translation>The server refused it (code %1).</translation>
    </message>
</context>
<context>
    <name>ReplyBar</name>
    <message>
        <location filename="../../wa_desk/ui/conversation/composer.py" line="-525"/>
        <source>Quoted message</source>
        <translation>Quoted message</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Do not reply to this message</source>
        <translation>Do not reply to this message</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel the reply</source>
        <translation>Cancel the reply</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Replying to %1</source>
        <translation>Replying to %1</translation>
    </message>
</context>
<context>
    <name>ReportChart</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/report_chart.py" line="+57"/>
        <source>Conversations and SLA per day</source>
        <translation>Conversations and SLA per day</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 conversations over %2 days</source>
        <translation>%1 conversations over %2 days</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Conversations</source>
        <translation>Conversations</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SLA %</source>
        <translation>SLA %</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>No conversations in this range</source>
        <translation>No conversations in this range</translation>
    </message>
</context>
<context>
    <name>ReportFigures</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/report_figures.py" line="+47"/>
        <source>Conversations</source>
        <translation>Conversations</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conversations opened in the range.</source>
        <translation>Conversations opened in the range.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Of them, those whose last period has ended.</source>
        <translation>Of them, those whose last period has ended.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Periods</source>
        <translation>Periods</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Measurement periods (a reopened conversation has more than one).</source>
        <translation>Measurement periods (a reopened conversation has more than one).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>First response</source>
        <translation>First response</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Median first response time, wall-clock time.</source>
        <translation>Median first response time, wall-clock time.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>First response (business)</source>
        <translation>First response (business)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Median first response time, counting business hours only.</source>
        <translation>Median first response time, counting business hours only.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Next response</source>
        <translation>Next response</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Median time to answer each later customer message, wall-clock time.</source>
        <translation>Median time to answer each later customer message, wall-clock time.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Next response (business)</source>
        <translation>Next response (business)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Median next response time, counting business hours only.</source>
        <translation>Median next response time, counting business hours only.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Resolution</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Median time from opening to closing a period, wall-clock time.</source>
        <translation>Median time from opening to closing a period, wall-clock time.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Resolution (business)</source>
        <translation>Resolution (business)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Median resolution time, counting business hours only.</source>
        <translation>Median resolution time, counting business hours only.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Handle time</source>
        <translation>Handle time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Median time agents held a conversation, wall-clock time.</source>
        <translation>Median time agents held a conversation, wall-clock time.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Handle time (business)</source>
        <translation>Handle time (business)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Median handle time, counting business hours only.</source>
        <translation>Median handle time, counting business hours only.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Abandoned</source>
        <translation>Abandoned</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Periods where the customer wrote and nobody answered before the close or the end of the 24 h window.</source>
        <translation>Periods where the customer wrote and nobody answered before the close or the end of the 24 h window.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Abandoned in 60 s</source>
        <translation>Abandoned in 60 s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Of the abandoned periods, those abandoned within 60 seconds.</source>
        <translation>Of the abandoned periods, those abandoned within 60 seconds.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share of the judged service-level clocks that met their target.</source>
        <translation>Share of the judged service-level clocks that met their target.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>SLA met</source>
        <translation>SLA met</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service-level clocks that met their target.</source>
        <translation>Service-level clocks that met their target.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>SLA breached</source>
        <translation>SLA breached</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service-level clocks that missed their target.</source>
        <translation>Service-level clocks that missed their target.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>SLA running</source>
        <translation>SLA running</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service-level clocks still running when the report was taken.</source>
        <translation>Service-level clocks still running when the report was taken.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Transfers</source>
        <translation>Transfers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transfers to another agent or queue.</source>
        <translation>Transfers to another agent or queue.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Transfers per conversation</source>
        <translation>Transfers per conversation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transfers divided by conversations.</source>
        <translation>Transfers divided by conversations.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Take-overs</source>
        <translation>Take-overs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conversations a supervisor took over.</source>
        <translation>Conversations a supervisor took over.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Repeat contact 24 h</source>
        <translation>Repeat contact 24 h</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed conversations whose customer needed someone again within 24 hours.</source>
        <translation>Closed conversations whose customer needed someone again within 24 hours.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Repeat contact 72 h</source>
        <translation>Repeat contact 72 h</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed conversations whose customer needed someone again within 72 hours.</source>
        <translation>Closed conversations whose customer needed someone again within 72 hours.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>First-contact resolution</source>
        <translation>First-contact resolution</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed conversations whose customer did not need anyone again within 7 days.</source>
        <translation>Closed conversations whose customer did not need anyone again within 7 days.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>FCR answers known</source>
        <translation>FCR answers known</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many closed conversations first-contact resolution is made of.</source>
        <translation>How many closed conversations first-contact resolution is made of.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sends</source>
        <translation>Sends</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Messages sent by agents.</source>
        <translation>Messages sent by agents.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Blocks per 100 sends</source>
        <translation>Blocks per 100 sends</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sends the guidelines blocked, per 100 sends.</source>
        <translation>Sends the guidelines blocked, per 100 sends.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Overrides per 100 sends</source>
        <translation>Overrides per 100 sends</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Guideline warnings sent anyway, per 100 sends.</source>
        <translation>Guideline warnings sent anyway, per 100 sends.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Canned replies per 100 sends</source>
        <translation>Canned replies per 100 sends</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sends whose text came from a canned reply, per 100 sends.</source>
        <translation>Sends whose text came from a canned reply, per 100 sends.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Checklist ticked</source>
        <translation>Checklist ticked</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closing checklist items ticked.</source>
        <translation>Closing checklist items ticked.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Promises made</source>
        <translation>Promises made</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Promises recorded to customers (by agent: those the agent made).</source>
        <translation>Promises recorded to customers (by agent: those the agent made).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Kept on time</source>
        <translation>Kept on time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Promises kept by their due date (by agent: of those the agent owns).</source>
        <translation>Promises kept by their due date (by agent: of those the agent owns).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Kept late</source>
        <translation>Kept late</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Promises kept after their due date.</source>
        <translation>Promises kept after their due date.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Broken</source>
        <translation>Broken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Promises an agent marked as not going to be kept.</source>
        <translation>Promises an agent marked as not going to be kept.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Promises still open past their due date.</source>
        <translation>Promises still open past their due date.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Closed with a promise open</source>
        <translation>Closed with a promise open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed conversations in which a promise was still open at the close.</source>
        <translation>Closed conversations in which a promise was still open at the close.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Surveys</source>
        <translation>Surveys</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Satisfaction surveys sent after a close.</source>
        <translation>Satisfaction surveys sent after a close.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Ratings</source>
        <translation>Ratings</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Surveys the customer answered with a rating.</source>
        <translation>Surveys the customer answered with a rating.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>CSAT</source>
        <translation>CSAT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ratings of 4 or 5 out of 5, of all ratings.</source>
        <translation>Ratings of 4 or 5 out of 5, of all ratings.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Average rating</source>
        <translation>Average rating</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The customers&apos; average rating, from 1 to 5.</source>
        <translation>The customers&apos; average rating, from 1 to 5.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Surveys answered</source>
        <translation>Surveys answered</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Surveys the customer answered, of those sent.</source>
        <translation>Surveys the customer answered, of those sent.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Occupancy</source>
        <translation>Occupancy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conversations held while available, relative to the capacity.</source>
        <translation>Conversations held while available, relative to the capacity.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
</context>
<context>
    <name>ReportModel</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/report_model.py" line="+131"/>
        <source>Queue</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Day</source>
        <translation>Day</translation>
    </message>
</context>
<context>
    <name>ReportsController</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/reports_controller.py" line="+141"/>
        <source>The disk is full: the report was not saved. Free some space and export again.</source>
        <translation>The disk is full: the report was not saved. Free some space and export again.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server stopped answering: the report was not saved. Export again once the connection is back.</source>
        <translation>The server stopped answering: the report was not saved. Export again once the connection is back.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your session has expired: sign in again and export again.</source>
        <translation>Your session has expired: sign in again and export again.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>That folder cannot be written to: pick another one.</source>
        <translation>That folder cannot be written to: pick another one.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+3"/>
        <source>The report was not saved: %1</source>
        <translation>The report was not saved: %1</translation>
    </message>
</context>
<context>
    <name>ReportsPanel</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/reports_panel.py" line="+54"/>
        <source>Group by</source>
        <translation>Group by</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>By queue</source>
        <translation>By queue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By agent</source>
        <translation>By agent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By day</source>
        <translation>By day</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One row per conversation opened in the range</source>
        <translation>One row per conversation opened in the range</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Report</source>
        <translation>Report</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Loading the report…</source>
        <translation>Loading the report…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No conversations were opened in this range.</source>
        <translation>No conversations were opened in this range.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Figures as of %1</source>
        <translation>Figures as of %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Export the report</source>
        <translation>Export the report</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All files (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Exporting to %1…</source>
        <translation>Exporting to %1…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Conversations so far: %1 (%2)</source>
        <translation>Conversations so far: %1 (%2)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Conversations exported: %1, to %2</source>
        <translation>Conversations exported: %1, to %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export cancelled: no file was saved.</source>
        <translation>Export cancelled: no file was saved.</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../wa_desk/ui/app/session.py" line="+263"/>
        <source>The server&apos;s guidelines cannot be used: %1</source>
        <translation>The server&apos;s guidelines cannot be used: %1</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../wa_desk/ui/settings/settings.py" line="+49"/>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The language of the application; System follows the computer.</source>
        <translation>The language of the application; System follows the computer.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Theme</source>
        <translation>Theme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light or dark colours; System follows the computer.</source>
        <translation>Light or dark colours; System follows the computer.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Desktop notifications</source>
        <translation>Desktop notifications</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show a notification when a customer writes and the window is not in front.</source>
        <translation>Show a notification when a customer writes and the window is not in front.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Sound</source>
        <translation>Sound</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Play a sound with each notification.</source>
        <translation>Play a sound with each notification.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Font size</source>
        <translation>Font size</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text size in points; 0 uses the system size.</source>
        <translation>Text size in points; 0 uses the system size.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Server address</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The address of your organisation&apos;s wa-desk server.</source>
        <translation>The address of your organisation&apos;s wa-desk server.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Last user</source>
        <translation>Last user</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The user name offered at sign-in.</source>
        <translation>The user name offered at sign-in.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Inbox order</source>
        <translation>Inbox order</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Longest waiting puts first the customer who has waited longest for an answer; newest activity, the latest message.</source>
        <translation>Longest waiting puts first the customer who has waited longest for an answer; newest activity, the latest message.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Conversation list width</source>
        <translation>Conversation list width</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The width of the list of conversations.</source>
        <translation>The width of the list of conversations.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Customer panel width</source>
        <translation>Customer panel width</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The width of the customer panel.</source>
        <translation>The width of the customer panel.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Customer panel</source>
        <translation>Customer panel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the customer panel beside the conversation when the window is wide enough.</source>
        <translation>Show the customer panel beside the conversation when the window is wide enough.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Last view</source>
        <translation>Last view</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The view the window opens on: the inbox or the supervisor view.</source>
        <translation>The view the window opens on: the inbox or the supervisor view.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../wa_desk/ui/settings/dialog.py" line="+29"/>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Set by your IT department.</source>
        <translation>Set by your IT department.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+22"/>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Light</source>
        <translation>Light</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>Dark</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>On</source>
        <translation>On</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <location filename="../../wa_desk/ui/shell/shortcuts.py" line="+28"/>
        <source>Jump to a conversation</source>
        <translation>Jump to a conversation</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Next conversation</source>
        <translation>Next conversation</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Previous conversation</source>
        <translation>Previous conversation</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Write a message</source>
        <translation>Write a message</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open templates</source>
        <translation>Open templates</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Claim the conversation</source>
        <translation>Claim the conversation</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Release the conversation</source>
        <translation>Release the conversation</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Transfer the conversation</source>
        <translation>Transfer the conversation</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Take over the conversation</source>
        <translation>Take over the conversation</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Close the conversation</source>
        <translation>Close the conversation</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Show or hide the customer panel</source>
        <translation>Show or hide the customer panel</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>My day: your own figures</source>
        <translation>My day: your own figures</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Show the inbox</source>
        <translation>Show the inbox</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Show the supervisor view (supervisors and administrators)</source>
        <translation>Show the supervisor view (supervisors and administrators)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Keyboard shortcuts</source>
        <translation>Keyboard shortcuts</translation>
    </message>
</context>
<context>
    <name>SignIn</name>
    <message>
        <location filename="../../wa_desk/ui/app/signin.py" line="+61"/>
        <source>Your session expired. Sign in again.</source>
        <translation>Your session expired. Sign in again.</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Wrong user name or password.</source>
        <translation>Wrong user name or password.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The server&apos;s certificate could not be verified. Check the address, or ask IT to install the company&apos;s certificate.</source>
        <translation>The server&apos;s certificate could not be verified. Check the address, or ask IT to install the company&apos;s certificate.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server cannot be reached. Check the address and your network.</source>
        <translation>The server cannot be reached. Check the address and your network.</translation>
    </message>
</context>
<context>
    <name>SignedOutPage</name>
    <message>
        <location filename="../../wa_desk/ui/shell/signed_out_page.py" line="+18"/>
        <source>You are signed out.</source>
        <translation>You are signed out.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Conversations and what you did are kept on this computer. Sign in to keep working; what is waiting to be sent goes out then.</source>
        <translation>Conversations and what you did are kept on this computer. Sign in to keep working; what is waiting to be sent goes out then.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Sign in…</source>
        <translation>Sign in…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
</context>
<context>
    <name>SigninDialog</name>
    <message>
        <location filename="../../wa_desk/ui/shell/signin_dialog.py" line="+32"/>
        <source>Sign in to wa-desk</source>
        <translation>Sign in to wa-desk</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Why you need to sign in</source>
        <translation>Why you need to sign in</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+19"/>
        <source>Server address</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Set by your IT department.</source>
        <translation>Set by your IT department.</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+12"/>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <location line="-9"/>
        <location line="+10"/>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Your session expired. Sign in again to keep working.</source>
        <translation>Your session expired. Sign in again to keep working.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Too many attempts: try again in %1.</source>
        <translation>Too many attempts: try again in %1.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This account is locked after too many failed attempts; ask your administrator to unlock it.</source>
        <translation>This account is locked after too many failed attempts; ask your administrator to unlock it.</translation>
    </message>
</context>
<context>
    <name>StatusTimeline</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/timeline_view.py" line="+33"/>
        <source>Status today</source>
        <translation>Status today</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Status today: %1</source>
        <translation>Status today: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing known yet</source>
        <translation>Nothing known yet</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Choose an agent to see their day.</source>
        <translation>Choose an agent to see their day.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 today</source>
        <translation>%1 today</translation>
    </message>
</context>
<context>
    <name>SupervisorPage</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/page.py" line="+27"/>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Wallboard</source>
        <translation>&amp;Wallboard</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Heat-map</source>
        <translation>&amp;Heat-map</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A&amp;lerts</source>
        <translation>A&amp;lerts</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Reports</source>
        <translation>&amp;Reports</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <location filename="../../wa_desk/ui/shell/sync_status.py" line="+49"/>
        <source>Action log catch-up</source>
        <translation>Action log catch-up</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sync now</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Sending to the server</source>
        <translation>Sending to the server</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What waits to be sent to the server</source>
        <translation>What waits to be sent to the server</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Try to send what waits to the server now</source>
        <translation>Try to send what waits to the server now</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Syncing your last actions…</source>
        <translation>Syncing your last actions…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Syncing actions: %1 of %2</source>
        <translation>Syncing actions: %1 of %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 actions of other agents wait for their sign-in here</source>
        <translation>%1 actions of other agents wait for their sign-in here</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>All sent</source>
        <translation>All sent</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 waiting to be sent</source>
        <translation>1 waiting to be sent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 waiting to be sent</source>
        <translation>%1 waiting to be sent</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Your session expired: sign in again to send it.</source>
        <translation>Your session expired: sign in again to send it.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server refused part of your action log.</source>
        <translation>The server refused part of your action log.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server&apos;s copy of your action log differs from this one.</source>
        <translation>The server&apos;s copy of your action log differs from this one.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server&apos;s security certificate is not trusted.</source>
        <translation>The server&apos;s security certificate is not trusted.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server had a problem of its own and will be asked again.</source>
        <translation>The server had a problem of its own and will be asked again.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server cannot be reached.</source>
        <translation>The server cannot be reached.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server has not taken it yet (%1).</source>
        <translation>The server has not taken it yet (%1).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Everything you did has reached the server.</source>
        <translation>Everything you did has reached the server.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Messages: %1</source>
        <translation>Messages: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other actions: %1</source>
        <translation>Other actions: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action log entries: %1</source>
        <translation>Action log entries: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Waiting since: %1</source>
        <translation>Waiting since: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last problem: %1</source>
        <translation>Last problem: %1</translation>
    </message>
</context>
<context>
    <name>TemplateForm</name>
    <message>
        <location filename="../../wa_desk/ui/conversation/template_form.py" line="+166"/>
        <source>Search templates: words, name or language</source>
        <translation>Search templates: words, name or language</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search templates</source>
        <translation>Search templates</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Templates</source>
        <translation>Templates</translation>
    </message>
    <message>
        <location line="+131"/>
        <source>There are no approved templates to send.</source>
        <translation>There are no approved templates to send.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick a template.</source>
        <translation>Pick a template.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This customer stopped marketing messages, and “%1” is a marketing template: it cannot be sent to them. Pick a utility template.</source>
        <translation>This customer stopped marketing messages, and “%1” is a marketing template: it cannot be sent to them. Pick a utility template.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Fill in “%1”.</source>
        <translation>Fill in “%1”.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fill in “%1” and the other empty values.</source>
        <translation>Fill in “%1” and the other empty values.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The header&apos;s link must be a web address that starts with https://</source>
        <translation>The header&apos;s link must be a web address that starts with https://</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The latitude must be a number from -90 to 90, such as 40.4168.</source>
        <translation>The latitude must be a number from -90 to 90, such as 40.4168.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The longitude must be a number from -180 to 180, such as -3.7038.</source>
        <translation>The longitude must be a number from -180 to 180, such as -3.7038.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>WhatsApp has paused “%1”, so it cannot be sent for now. Pick another template.</source>
        <translation>WhatsApp has paused “%1”, so it cannot be sent for now. Pick another template.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>WhatsApp has disabled “%1”: it can no longer be sent. Pick another template.</source>
        <translation>WhatsApp has disabled “%1”: it can no longer be sent. Pick another template.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>WhatsApp has rejected “%1”: it cannot be sent. Pick another template.</source>
        <translation>WhatsApp has rejected “%1”: it cannot be sent. Pick another template.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“%1” is no longer among the WhatsApp templates, so it cannot be sent. Pick another template.</source>
        <translation>“%1” is no longer among the WhatsApp templates, so it cannot be sent. Pick another template.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>“%1” is no longer approved on WhatsApp, so it cannot be sent. Pick another template.</source>
        <translation>“%1” is no longer approved on WhatsApp, so it cannot be sent. Pick another template.</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Header image link</source>
        <translation>Header image link</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Header video link</source>
        <translation>Header video link</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Header document link</source>
        <translation>Header document link</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Header location: latitude</source>
        <translation>Header location: latitude</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Header location: longitude</source>
        <translation>Header location: longitude</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Header location: place name</source>
        <translation>Header location: place name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Header location: address</source>
        <translation>Header location: address</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Button “%1”: code</source>
        <translation>Button “%1”: code</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Header: %1</source>
        <translation>Header: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Body: %1</source>
        <translation>Body: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Button “%1” link: %2</source>
        <translation>Button “%1” link: %2</translation>
    </message>
</context>
<context>
    <name>TemplateList</name>
    <message>
        <location filename="../../wa_desk/ui/conversation/template_list.py" line="+48"/>
        <source>Utility</source>
        <translation>Utility</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Marketing</source>
        <translation>Marketing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Authentication</source>
        <translation>Authentication</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>customer opted out</source>
        <translation>customer opted out</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The customer stopped marketing messages: this one cannot be sent.</source>
        <translation>The customer stopped marketing messages: this one cannot be sent.</translation>
    </message>
</context>
<context>
    <name>TemplatePreview</name>
    <message>
        <location filename="../../wa_desk/ui/conversation/template_form.py" line="-336"/>
        <source>Template preview</source>
        <translation>Template preview</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preview header</source>
        <translation>Preview header</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Preview body</source>
        <translation>Preview body</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preview footer</source>
        <translation>Preview footer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preview buttons</source>
        <translation>Preview buttons</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preview</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Pick a template to see what the customer will get.</source>
        <translation>Pick a template to see what the customer will get.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>[Location]</source>
        <translation>[Location]</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>[Image]</source>
        <translation>[Image]</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>[Video]</source>
        <translation>[Video]</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>[Document]</source>
        <translation>[Document]</translation>
    </message>
</context>
<context>
    <name>Time</name>
    <message>
        <location filename="../../wa_desk/ui/common/timefmt.py" line="+28"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 d %2 h</source>
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>today, end of day</source>
        <translation>today, end of day</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tomorrow, end of day</source>
        <translation>tomorrow, end of day</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1, end of day</source>
        <translation>%1, end of day</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Yesterday</source>
        <translation>Yesterday</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/timeline_words.py" line="+24"/>
        <source>Conversation opened</source>
        <translation>Conversation opened</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Routed to a queue</source>
        <translation>Routed to a queue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 assigned it to an agent</source>
        <translation>%1 assigned it to an agent</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 took it back to the queue</source>
        <translation>%1 took it back to the queue</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 claimed it</source>
        <translation>%1 claimed it</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 released it</source>
        <translation>%1 released it</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 transferred it</source>
        <translation>%1 transferred it</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 closed it</source>
        <translation>%1 closed it</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 reopened it</source>
        <translation>%1 reopened it</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 took it over</source>
        <translation>%1 took it over</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 read it</source>
        <translation>%1 read it</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server received the customer&apos;s message</source>
        <translation>The server received the customer&apos;s message</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>WhatsApp reported a message&apos;s status</source>
        <translation>WhatsApp reported a message&apos;s status</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 sent a message</source>
        <translation>%1 sent a message</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 replied automatically</source>
        <translation>%1 replied automatically</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A message from %1 could not be sent</source>
        <translation>A message from %1 could not be sent</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 used a template</source>
        <translation>%1 used a template</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 sent a canned reply</source>
        <translation>%1 sent a canned reply</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 ticked a checklist item</source>
        <translation>%1 ticked a checklist item</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 unticked a checklist item</source>
        <translation>%1 unticked a checklist item</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 added a note</source>
        <translation>%1 added a note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 added a tag</source>
        <translation>%1 added a tag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 removed a tag</source>
        <translation>%1 removed a tag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The customer stopped marketing messages</source>
        <translation>The customer stopped marketing messages</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The customer resumed marketing messages</source>
        <translation>The customer resumed marketing messages</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 was warned by a guideline</source>
        <translation>%1 was warned by a guideline</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 overrode a guideline</source>
        <translation>%1 overrode a guideline</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A guideline blocked %1</source>
        <translation>A guideline blocked %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 looked at it</source>
        <translation>%1 looked at it</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 recorded a promise</source>
        <translation>%1 recorded a promise</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 marked a promise kept</source>
        <translation>%1 marked a promise kept</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 moved a promise to another date</source>
        <translation>%1 moved a promise to another date</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 marked a promise broken</source>
        <translation>%1 marked a promise broken</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 handed a promise to a colleague</source>
        <translation>%1 handed a promise to a colleague</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The customer was asked to rate the service</source>
        <translation>The customer was asked to rate the service</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The customer rated the service</source>
        <translation>The customer rated the service</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>in the queue</source>
        <translation>in the queue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>being answered</source>
        <translation>being answered</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>closed</source>
        <translation>closed</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>sent</source>
        <translation>sent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>delivered</source>
        <translation>delivered</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>read by the customer</source>
        <translation>read by the customer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>failed</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>refused by the server: %1</source>
        <translation>refused by the server: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not confirmed by the server</source>
        <translation>not confirmed by the server</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>to queue %1</source>
        <translation>to queue %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>WhatsApp error %1</source>
        <translation>WhatsApp error %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 of 5</source>
        <translation>%1 of 5</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 assigned it to %2</source>
        <translation>%1 assigned it to %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 took it back to the queue from %2</source>
        <translation>%1 took it back to the queue from %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the customer waited 1 minute for an answer</source>
        <translation>the customer waited 1 minute for an answer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the customer waited %1 minutes for an answer</source>
        <translation>the customer waited %1 minutes for an answer</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>in turn</source>
        <translation>in turn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the least busy agent</source>
        <translation>the least busy agent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the agent who served this customer last</source>
        <translation>the agent who served this customer last</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>due %1</source>
        <translation>due %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>kept by a message of a later conversation</source>
        <translation>kept by a message of a later conversation</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>kept by a message</source>
        <translation>kept by a message</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>late</source>
        <translation>late</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>open</source>
        <translation>open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kept</source>
        <translation>kept</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>broken</source>
        <translation>broken</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Promise: %1 · due %2 · %3 · owner %4</source>
        <translation>Promise: %1 · due %2 · %3 · owner %4</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Kept the promise: %1</source>
        <translation>Kept the promise: %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>the server</source>
        <translation>the server</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>as logged on their computer</source>
        <translation>as logged on their computer</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Automatic routing</source>
        <translation>Automatic routing</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server (automatic)</source>
        <translation>The server (automatic)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Satisfaction survey</source>
        <translation>Satisfaction survey</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Customer %1</source>
        <translation>Customer %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 (template %2)</source>
        <translation>%1 (template %2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>[template message]</source>
        <translation>[template message]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>[photo]</source>
        <translation>[photo]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>[video]</source>
        <translation>[video]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>[sticker]</source>
        <translation>[sticker]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>[document]</source>
        <translation>[document]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>[audio]</source>
        <translation>[audio]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>[location]</source>
        <translation>[location]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>[contact card]</source>
        <translation>[contact card]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>[reply to buttons or a list]</source>
        <translation>[reply to buttons or a list]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>[reaction]</source>
        <translation>[reaction]</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>[a message of type %1]</source>
        <translation>[a message of type %1]</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 · queue %2 · %3</source>
        <translation>%1 · queue %2 · %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Waited %1 · first response %2 · handled %3</source>
        <translation>Waited %1 · first response %2 · handled %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Closed as %1</source>
        <translation>Closed as %1</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/timeline_model.py" line="+59"/>
        <source>%1 since %2</source>
        <translation>%1 since %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 %2–%3</source>
        <translation>%1 %2–%3</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <location filename="../../wa_desk/ui/conversation/transfer_dialog.py" line="+30"/>
        <source>Transfer conversation</source>
        <translation>Transfer conversation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To an agent</source>
        <translation>To an agent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To a queue</source>
        <translation>To a queue</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Queue</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What the next person should know</source>
        <translation>What the next person should know</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+5"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Transfer</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Also hand over its open promise to that agent</source>
        <translation>Also hand over its open promise to that agent</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Also hand over its %1 open promises to that agent</source>
        <translation>Also hand over its %1 open promises to that agent</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <location filename="../../wa_desk/ui/shell/tray.py" line="+101"/>
        <source>Show wa-desk</source>
        <translation>Show wa-desk</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>wa-desk: %1 unread</source>
        <translation>wa-desk: %1 unread</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open alerts: %1</source>
        <translation>Open alerts: %1</translation>
    </message>
</context>
<context>
    <name>VideoTile</name>
    <message>
        <location filename="../../wa_desk/ui/conversation/video_tile.py" line="+18"/>
        <source>Open</source>
        <translation>Open</translation>
    </message>
</context>
<context>
    <name>Wallboard</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/queue_words.py" line="+31"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Longest wait</source>
        <translation>Longest wait</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SLA today</source>
        <translation>SLA today</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Median first reply</source>
        <translation>Median first reply</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>At risk now</source>
        <translation>At risk now</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Windows closing</source>
        <translation>Windows closing</translation>
    </message>
</context>
<context>
    <name>WallboardController</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/wallboard_controller.py" line="+157"/>
        <source>%1 is no longer in any of your queues: you cannot change them.</source>
        <translation>%1 is no longer in any of your queues: you cannot change them.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 was not changed. %2</source>
        <translation>%1 was not changed. %2</translation>
    </message>
</context>
<context>
    <name>WallboardPanel</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/wallboard_panel.py" line="+60"/>
        <source>Queue</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All queues</source>
        <translation>All queues</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Agents of</source>
        <translation>&amp;Agents of</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>C&amp;hange status or capacity…</source>
        <translation>C&amp;hange status or capacity…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Reassign their conversations…</source>
        <translation>&amp;Reassign their conversations…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Agents</source>
        <translation>Agents</translation>
    </message>
    <message>
        <location line="+146"/>
        <source>No agents in your queues yet.</source>
        <translation>No agents in your queues yet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nobody works in this queue.</source>
        <translation>Nobody works in this queue.</translation>
    </message>
</context>
</TS>
