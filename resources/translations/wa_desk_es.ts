<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>AgentModel</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/agent_model.py" line="+291"/>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In status</source>
        <translation>En el estado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open ÷ capacity</source>
        <translation>Abiertas ÷ capacidad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Handled today</source>
        <translation>Atendidas hoy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Median reply</source>
        <translation>Respuesta mediana</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer waiting</source>
        <translation>Cliente esperando</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Nothing known of %1&apos;s status today.</source>
        <translation>No se sabe nada del estado de %1 hoy.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No customer is waiting on %1.</source>
        <translation>Ningún cliente está esperando a %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A customer has been waiting on %1 for %2.</source>
        <translation>Un cliente lleva %2 esperando a %1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The median time %1 took to answer a customer today.</source>
        <translation>La mediana del tiempo que %1 ha tardado hoy en responder a un cliente.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Conversations %1 holds now, of how many they may hold.</source>
        <translation>Conversaciones que %1 lleva ahora, de cuántas puede llevar.</translation>
    </message>
</context>
<context>
    <name>AlertActionDialog</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/alert_action_dialog.py" line="+38"/>
        <source>Snooze alert</source>
        <translation>Posponer alerta</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Acknowledge alert</source>
        <translation>Reconocer alerta</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Alert</source>
        <translation>Alerta</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+16"/>
        <source>Snooze for</source>
        <translation>Posponer durante</translation>
    </message>
    <message>
        <location line="-10"/>
        <location line="+13"/>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Why, for the other leads (optional)</source>
        <translation>Por qué, para los demás supervisores (opcional)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What you are doing about it (optional)</source>
        <translation>Qué vas a hacer al respecto (opcional)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Snooze</source>
        <translation>Posponer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Acknowledge</source>
        <translation>Reconocer</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>15 minutes</source>
        <translation>15 minutos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>30 minutes</source>
        <translation>30 minutos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 hour</source>
        <translation>1 hora</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>2 hours</source>
        <translation>2 horas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>4 hours</source>
        <translation>4 horas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>8 hours</source>
        <translation>8 horas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 day</source>
        <translation>1 día</translation>
    </message>
</context>
<context>
    <name>AlertWords</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/alert_words.py" line="+26"/>
        <source>Critical</source>
        <translation>Crítica</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Warning</source>
        <translation>Aviso</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open</source>
        <translation>Abiertas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Acknowledged</source>
        <translation>Reconocidas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Snoozed</source>
        <translation>Pospuestas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolved</source>
        <translation>Resueltas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All</source>
        <translation>Todas</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Response target missed</source>
        <translation>Objetivo de respuesta incumplido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Response target at risk</source>
        <translation>Objetivo de respuesta en riesgo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customers writing without an answer</source>
        <translation>Clientes que escriben sin respuesta</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Queues with a backlog</source>
        <translation>Colas con acumulación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customers waiting on an agent</source>
        <translation>Clientes esperando a un agente</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>24-hour windows closing soon</source>
        <translation>Ventanas de 24 horas a punto de cerrarse</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Customers back soon after a close</source>
        <translation>Clientes que vuelven poco después de un cierre</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Failed sends</source>
        <translation>Envíos fallidos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Templates that cannot be sent</source>
        <translation>Plantillas que no se pueden enviar</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Guideline blocks and warnings</source>
        <translation>Bloqueos y avisos de las normas</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Promises due soon</source>
        <translation>Promesas a punto de vencer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue promises</source>
        <translation>Promesas vencidas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action logs with a gap</source>
        <translation>Registros de acciones con huecos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action logs that do not match</source>
        <translation>Registros de acciones que no coinciden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>WhatsApp access</source>
        <translation>Acceso a WhatsApp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customers unhappy with how they were served</source>
        <translation>Clientes descontentos con la atención</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Other alerts</source>
        <translation>Otras alertas</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>A customer</source>
        <translation>Un cliente</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Queue %1</source>
        <translation>Cola %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 on %2</source>
        <translation>%1 en %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Template %1 (%2)</source>
        <translation>Plantilla %1 (%2)</translation>
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
        <translation>un agente</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The action log of %1 on %2 has a gap.</source>
        <translation>El registro de acciones de %1 en %2 tiene un hueco.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The action log of %1 on one of their computers has a gap.</source>
        <translation>El registro de acciones de %1 en uno de sus equipos tiene un hueco.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server holds it up to entry %1; the computer sent entries from %2 on.</source>
        <translation>El servidor lo tiene hasta la entrada %1; el equipo envió entradas a partir de la %2.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Next step: ask %1 to keep wa-desk open and connected on that computer so it can send the missing entries again; if this persists, export the audit trail and tell IT.</source>
        <translation>Siguiente paso: pídele a %1 que mantenga wa-desk abierto y conectado en ese equipo para que pueda reenviar las entradas que faltan; si continúa, exporta el registro de auditoría y avisa a IT.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The action log of %1 on %2 no longer matches the server&apos;s copy.</source>
        <translation>El registro de acciones de %1 en %2 ya no coincide con la copia del servidor.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The action log of %1 on one of their computers no longer matches the server&apos;s copy.</source>
        <translation>El registro de acciones de %1 en uno de sus equipos ya no coincide con la copia del servidor.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>They differ from entry %1 on.</source>
        <translation>Difieren a partir de la entrada %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next step: export the audit trail and tell IT, who must find out which copy is right; meanwhile ask %1 not to copy or restore wa-desk&apos;s data on that computer.</source>
        <translation>Siguiente paso: exporta el registro de auditoría y avisa a IT, que debe averiguar qué copia es la correcta; mientras tanto, pídele a %1 que no copie ni restaure los datos de wa-desk en ese equipo.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>WhatsApp no longer accepts the server&apos;s access token: messages cannot be sent.</source>
        <translation>WhatsApp ya no acepta el token de acceso del servidor: no se pueden enviar mensajes.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>WhatsApp error %1.</source>
        <translation>Error %1 de WhatsApp.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Next step: tell the administrator to renew the WhatsApp access token in the server&apos;s settings; messages that fail meanwhile must be sent again.</source>
        <translation>Siguiente paso: avisa al administrador para que renueve el token de acceso de WhatsApp en la configuración del servidor; los mensajes que fallen mientras tanto habrá que volver a enviarlos.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Seen %1 times, first at %2, last at %3.</source>
        <translation>Visto %1 veces; la primera: %2; la última: %3.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>When: %1.</source>
        <translation>Cuándo: %1.</translation>
    </message>
    <message>
        <location filename="../../wa_desk/ui/app/early_alerts.py" line="+56"/>
        <source>A customer in queue %1 has waited longer than the first-response target.</source>
        <translation>Un cliente de la cola %1 ha esperado más que el objetivo de primera respuesta.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A customer in queue %1 has waited longer than the next-response target.</source>
        <translation>Un cliente de la cola %1 ha esperado más que el objetivo de respuesta siguiente.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A customer in queue %1 is close to missing the first-response target.</source>
        <translation>Un cliente de la cola %1 está a punto de superar el objetivo de primera respuesta.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A customer in queue %1 is close to missing the next-response target.</source>
        <translation>Un cliente de la cola %1 está a punto de superar el objetivo de respuesta siguiente.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Deadline: %1.</source>
        <translation>Plazo: %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next step: answer them now, or assign the conversation to an available agent.</source>
        <translation>Siguiente paso: respóndele ahora o asigna la conversación a un agente disponible.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Customers waiting in queue %1: %2.</source>
        <translation>Clientes esperando en la cola %1: %2.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The threshold is %1; the longest has waited since %2.</source>
        <translation>El umbral es %1; el que más lleva espera desde %2.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Next step: ask available agents to take conversations from the queue, or move agents to it.</source>
        <translation>Siguiente paso: pide a los agentes disponibles que tomen conversaciones de la cola, o pasa más agentes a ella.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A customer in queue %1 has written %2 messages in a row without an answer.</source>
        <translation>Un cliente de la cola %1 ha escrito %2 mensajes seguidos sin respuesta.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Next step: open the conversation and make sure someone answers it.</source>
        <translation>Siguiente paso: abre la conversación y asegúrate de que alguien la responda.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A customer of queue %1 came back soon after their conversation was closed.</source>
        <translation>Un cliente de la cola %1 ha vuelto poco después de que se cerrara su conversación.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Previous conversation closed: %1.</source>
        <translation>Conversación anterior cerrada: %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next step: check how the previous conversation ended before answering.</source>
        <translation>Siguiente paso: revisa cómo terminó la conversación anterior antes de responder.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A customer of queue %1 rated their conversation %2 of 5.</source>
        <translation>Un cliente de la cola %1 valoró su conversación con %2 de 5.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Closed by %1: %2.</source>
        <translation>La cerró %1: %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Next step: read the conversation&apos;s timeline and talk it over with the agent.</source>
        <translation>Siguiente paso: lee la cronología de la conversación y coméntala con el agente.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Customers waiting on %1: %2.</source>
        <translation>Clientes esperando a %1: %2.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The longest has waited %1 minutes.</source>
        <translation>El que más lleva ha esperado %1 minutos.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Next step: check whether %1 is available, or reassign their waiting conversations.</source>
        <translation>Siguiente paso: comprueba si %1 está disponible, o reasigna sus conversaciones en espera.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The 24-hour window of a waiting customer in queue %1 closes soon.</source>
        <translation>La ventana de 24 horas de un cliente en espera de la cola %1 se cierra pronto.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Closes: %1. After that, only templates can be sent.</source>
        <translation>Cierre: %1. Después solo se podrán enviar plantillas.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Next step: answer them before the window closes.</source>
        <translation>Siguiente paso: respóndele antes de que se cierre la ventana.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Messages in queue %1 are failing because the customer&apos;s 24-hour window has closed.</source>
        <translation>Los mensajes de la cola %1 fallan porque la ventana de 24 horas del cliente se ha cerrado.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Next step: send an approved template to reopen the conversation.</source>
        <translation>Siguiente paso: envía una plantilla aprobada para reabrir la conversación.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Messages in queue %1 are failing: the numbers cannot receive them.</source>
        <translation>Los mensajes de la cola %1 fallan: los números no pueden recibirlos.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next step: check the customers&apos; numbers; they may not use WhatsApp or may have blocked the business.</source>
        <translation>Siguiente paso: revisa los números de los clientes; puede que no usen WhatsApp o que hayan bloqueado a la empresa.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Messages in queue %1 are failing.</source>
        <translation>Los mensajes de la cola %1 están fallando.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next step: look at the failed messages&apos; errors; if it continues, tell the administrator.</source>
        <translation>Siguiente paso: mira el error de los mensajes fallidos; si continúa, avisa al administrador.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Failed sends: %1; last WhatsApp error: %2.</source>
        <translation>Envíos fallidos: %1; último error de WhatsApp: %2.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The template %1 (%2) is paused: it cannot be sent.</source>
        <translation>La plantilla %1 (%2) está en pausa: no se puede enviar.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The template %1 (%2) was rejected or disabled: it cannot be sent.</source>
        <translation>La plantilla %1 (%2) ha sido rechazada o desactivada: no se puede enviar.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next step: use another template, and ask the administrator to review this one in WhatsApp Manager.</source>
        <translation>Siguiente paso: usa otra plantilla y pide al administrador que revise esta en el WhatsApp Manager.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Many sends were blocked or warned against in queue %1.</source>
        <translation>En la cola %1 se han bloqueado o advertido muchos envíos.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Blocked: %1; sent anyway after a warning: %2; in the last %3 minutes.</source>
        <translation>Bloqueados: %1; enviados pese al aviso: %2; en los últimos %3 minutos.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Next step: review with the team the rules they keep running into.</source>
        <translation>Siguiente paso: repasa con el equipo las normas con las que se siguen encontrando.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A promise %1 made to a customer in queue %2 is due soon.</source>
        <translation>Una promesa de %1 a un cliente de la cola %2 vence pronto.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Due: %1.</source>
        <translation>Vence: %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next step: ask %1 to keep it, or to agree a new date with the customer.</source>
        <translation>Siguiente paso: pide a %1 que la cumpla o que acuerde otra fecha con el cliente.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>A promise %1 made to a customer in queue %2 is overdue.</source>
        <translation>Una promesa de %1 a un cliente de la cola %2 está vencida.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>It was due: %1.</source>
        <translation>Vencía: %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next step: check with %1; if it cannot be kept, tell the customer and reschedule it.</source>
        <translation>Siguiente paso: habla con %1; si no puede cumplirse, avisa al cliente y cambia la fecha.</translation>
    </message>
</context>
<context>
    <name>AlertsController</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/alerts_controller.py" line="+144"/>
        <source>Critical alert</source>
        <translation>Alerta crítica</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>This alert is not available to you any more.</source>
        <translation>Esta alerta ya no está disponible para ti.</translation>
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
        <translation>desde %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Snoozed until %1</source>
        <translation>Pospuesta hasta %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Acknowledged at %1</source>
        <translation>Reconocida a las %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Resolved at %1</source>
        <translation>Resuelta a las %1</translation>
    </message>
</context>
<context>
    <name>AlertsPanel</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/alerts_panel.py" line="+48"/>
        <source>Show alerts</source>
        <translation>Alertas que mostrar</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Show:</source>
        <translation>&amp;Mostrar:</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Alerts</source>
        <translation>Alertas</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Open</source>
        <translation>&amp;Abrir</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Acknowledge…</source>
        <translation>&amp;Reconocer…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>S&amp;nooze…</source>
        <translation>Po&amp;sponer…</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Open alerts: %1</source>
        <translation>Alertas abiertas: %1</translation>
    </message>
    <message>
        <location line="+113"/>
        <source>No open alerts: nothing needs you right now.</source>
        <translation>No hay alertas abiertas: nada requiere tu atención ahora.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No acknowledged alerts.</source>
        <translation>No hay alertas reconocidas.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No snoozed alerts.</source>
        <translation>No hay alertas pospuestas.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No resolved alerts.</source>
        <translation>No hay alertas resueltas.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No alerts.</source>
        <translation>No hay alertas.</translation>
    </message>
</context>
<context>
    <name>AssignController</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/assign_controller.py" line="+117"/>
        <source>Hand the conversation with %1 to an agent of queue %2.</source>
        <translation>Pasa la conversación con %1 a un agente de la cola %2.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1 holds no open conversation now.</source>
        <translation>%1 no lleva ahora ninguna conversación abierta.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Hand conversations that %1 holds to another agent.</source>
        <translation>Pasa a otro agente conversaciones que lleva %1.</translation>
    </message>
    <message>
        <location line="+132"/>
        <source>The hand-over to %1 is kept on this computer and sent when the server is back.</source>
        <translation>El traspaso a %1 se guarda en este ordenador y se enviará cuando vuelva el servidor.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Closed meanwhile</source>
        <translation>Cerrada mientras tanto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed hands meanwhile</source>
        <translation>Cambió de agente mientras tanto</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is not an agent of its queue any more, or cannot sign in</source>
        <translation>%1 ya no es agente de su cola o no puede iniciar sesión</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No longer in your queues</source>
        <translation>Ya no está en tus colas</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The conversation was not assigned to %1. %2.</source>
        <translation>La conversación no se ha asignado a %1. %2.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 of %2 conversations were not handed to %3.</source>
        <translation>%1 de %2 conversaciones no se han pasado a %3.</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/assign_dialog.py" line="+39"/>
        <source>Assign conversation</source>
        <translation>Asignar conversación</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reassign conversations</source>
        <translation>Reasignar conversaciones</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Conversations</source>
        <translation>Conversaciones</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Conversations to hand over:</source>
        <translation>Conversaciones que pasar:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Agents</source>
        <translation>Agentes</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Hand over to:</source>
        <translation>Pasar a:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nobody else works in this queue.</source>
        <translation>Nadie más trabaja en esta cola.</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+62"/>
        <source>Assign</source>
        <translation>Asignar</translation>
    </message>
    <message>
        <location line="-56"/>
        <location line="+56"/>
        <source>Assign anyway</source>
        <translation>Asignar igualmente</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>%1 is already at capacity (%2 of %3). Assigning to them gives them more than they should hold.</source>
        <translation>%1 ya está al máximo de su capacidad (%2 de %3). Asignarle más le dará más conversaciones de las que debería llevar.</translation>
    </message>
</context>
<context>
    <name>AssigneeModel</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/assignee_model.py" line="+121"/>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open ÷ capacity</source>
        <translation>Abiertas ÷ capacidad</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 holds as many conversations as they may already.</source>
        <translation>%1 ya lleva tantas conversaciones como puede.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Conversations %1 holds now, of how many they may hold.</source>
        <translation>Conversaciones que %1 lleva ahora, de cuántas puede llevar.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (full)</source>
        <translation>%1 (al máximo)</translation>
    </message>
</context>
<context>
    <name>CannedPicker</name>
    <message>
        <location filename="../../wa_desk/ui/conversation/canned_picker.py" line="+37"/>
        <location line="+1"/>
        <source>Canned replies</source>
        <translation>Respuestas rápidas</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Search by name, text or tag</source>
        <translation>Busca por nombre, texto o etiqueta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search canned replies</source>
        <translation>Buscar respuestas rápidas</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Matching canned replies</source>
        <translation>Respuestas rápidas que coinciden</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The customer will read:</source>
        <translation>El cliente leerá:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Canned reply preview</source>
        <translation>Vista previa de la respuesta rápida</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>No canned reply matches “%1”.</source>
        <translation>Ninguna respuesta rápida coincide con «%1».</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>There are no canned replies for this queue.</source>
        <translation>Esta cola no tiene respuestas rápidas.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Enter inserts it; then write %1 in the draft before sending.</source>
        <translation>Intro la inserta; después escribe %1 en el mensaje antes de enviarlo.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Enter inserts it, Esc closes.</source>
        <translation>Intro la inserta, Esc cierra.</translation>
    </message>
</context>
<context>
    <name>ChangeAgentDialog</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/change_agent_dialog.py" line="+44"/>
        <source>Change %1</source>
        <translation>Cambiar a %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status and capacity of %1</source>
        <translation>Estado y capacidad de %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+15"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+9"/>
        <source>Capacity</source>
        <translation>Capacidad</translation>
    </message>
    <message>
        <location line="-8"/>
        <source> conversations</source>
        <translation> conversaciones</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The policy&apos;s capacity</source>
        <translation>La capacidad de la política</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Forget this agent&apos;s own capacity: the policy&apos;s applies again.</source>
        <translation>Olvidar la capacidad propia de este agente: vuelve a aplicarse la de la política.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Change</source>
        <translation>Cambiar</translation>
    </message>
</context>
<context>
    <name>ChecklistPanel</name>
    <message>
        <location filename="../../wa_desk/ui/customer/checklist_panel.py" line="+23"/>
        <location line="+1"/>
        <source>Checklist</source>
        <translation>Lista de comprobación</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>* required before closing</source>
        <translation>* obligatorio antes de cerrar</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Required before closing</source>
        <translation>Obligatorio antes de cerrar</translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <location filename="../../wa_desk/ui/conversation/close_dialog.py" line="+43"/>
        <location line="+37"/>
        <source>Close conversation</source>
        <translation>Cerrar conversación</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>Disposition</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+5"/>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>What was agreed or promised (optional)</source>
        <translation>Qué se acordó o prometió (opcional)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How did it end?</source>
        <translation>¿Cómo terminó?</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+1"/>
        <source>Checklist</source>
        <translation>Lista de comprobación</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Required before closing</source>
        <translation>Obligatorio antes de cerrar</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Why it cannot close yet</source>
        <translation>Por qué aún no se puede cerrar</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Tick the required items before closing: %1</source>
        <translation>Marca los puntos obligatorios antes de cerrar: %1</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../wa_desk/ui/conversation/composer.py" line="+180"/>
        <source>Select a conversation to answer it.</source>
        <translation>Selecciona una conversación para responderla.</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+1"/>
        <source>Claim conversation</source>
        <translation>Tomar conversación</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This conversation is closed.</source>
        <translation>Esta conversación está cerrada.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reopen</source>
        <translation>Reabrir</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Write a message (Enter sends, Shift+Enter: new line)</source>
        <translation>Escribe un mensaje (Intro envía, Mayús+Intro: nueva línea)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Canned replies…</source>
        <translation>Respuestas rápidas…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Insert a canned reply (type / at the start of the message)</source>
        <translation>Insertar una respuesta rápida (escribe / al principio del mensaje)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Characters</source>
        <translation>Caracteres</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Guideline</source>
        <translation>Norma</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send anyway</source>
        <translation>Enviar de todos modos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send anyway, despite the warning</source>
        <translation>Enviar de todos modos, pese al aviso</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Templates…</source>
        <translation>Plantillas…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Send template</source>
        <translation>Enviar plantilla</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Why the template cannot be sent yet</source>
        <translation>Por qué aún no se puede enviar la plantilla</translation>
    </message>
    <message>
        <location line="+128"/>
        <source>%1 is answering this conversation.</source>
        <translation>%1 está atendiendo esta conversación.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This conversation is waiting in the queue. Claim it to answer.</source>
        <translation>Esta conversación espera en la cola. Tómala para responder.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>More than 24 hours have passed since the customer last wrote, so WhatsApp only allows approved templates. Send one to restart the conversation.</source>
        <translation>Han pasado más de 24 horas desde el último mensaje del cliente, así que WhatsApp solo permite plantillas aprobadas. Envía una para retomar la conversación.</translation>
    </message>
    <message>
        <location line="+179"/>
        <source>Cannot be sent: %1</source>
        <translation>No se puede enviar: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not sent yet: write the value of %1 in its place (highlighted) first.</source>
        <translation>Aún no se envía: primero escribe el valor de %1 en su lugar (resaltado).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Check before sending: %1</source>
        <translation>Revisa antes de enviar: %1</translation>
    </message>
</context>
<context>
    <name>ConversationController</name>
    <message>
        <location filename="../../wa_desk/ui/conversation/controller.py" line="+532"/>
        <source>Take over conversation</source>
        <translation>Asumir conversación</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Take over this conversation from %1?

It becomes yours, and %1 can no longer answer it; they are told that you took it over.</source>
        <translation>¿Asumir esta conversación de %1?

Pasará a ser tuya y %1 ya no podrá responderla; se le avisará de que la asumiste.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Take over</source>
        <translation>Asumir</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The conversation changed hands meanwhile; look again.</source>
        <translation>La conversación cambió de manos mientras tanto; vuelve a mirarla.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 took over this conversation</source>
        <translation>%1 asumió esta conversación</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Tick the required items before closing: %1</source>
        <translation>Marca los puntos obligatorios antes de cerrar: %1</translation>
    </message>
</context>
<context>
    <name>ConversationModel</name>
    <message>
        <location filename="../../wa_desk/ui/conversation/model.py" line="+173"/>
        <source>Not delivered: WhatsApp gave no reason.</source>
        <translation>No entregado: WhatsApp no indicó el motivo.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not delivered (code %2): %1</source>
        <translation>No entregado (código %2): %1</translation>
    </message>
    <message>
        <location line="+626"/>
        <source>Reply to an earlier message</source>
        <translation>Respuesta a un mensaje anterior</translation>
    </message>
</context>
<context>
    <name>ConversationView</name>
    <message>
        <location filename="../../wa_desk/ui/conversation/view.py" line="+125"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Conversation state</source>
        <translation>Estado de la conversación</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Release</source>
        <translation>Liberar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put the conversation back in its queue</source>
        <translation>Devolver la conversación a su cola</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transfer…</source>
        <translation>Transferir…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close…</source>
        <translation>Cerrar…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take over…</source>
        <translation>Asumir…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Take this conversation from the agent who holds it; it becomes yours</source>
        <translation>Quitarle esta conversación al agente que la atiende; pasará a ser tuya</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Assign to…</source>
        <translation>Asignar a…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hand this conversation to an agent of its queue, whoever holds it now</source>
        <translation>Pasa esta conversación a un agente de su cola, la lleve quien la lleve</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Messages</source>
        <translation>Mensajes</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+317"/>
        <source>Go to the newest messages</source>
        <translation>Ir a los mensajes más recientes</translation>
    </message>
    <message>
        <location line="-260"/>
        <source>Open a conversation first.</source>
        <translation>Abre primero una conversación.</translation>
    </message>
    <message>
        <location line="+123"/>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reply</source>
        <translation>Responder</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copy time</source>
        <translation>Copiar fecha y hora</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This kept a promise…</source>
        <translation>Con esto se cumplió una promesa…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>You</source>
        <translation>Tú</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An agent</source>
        <translation>Un agente</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>No conversation selected</source>
        <translation>Ninguna conversación seleccionada</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Assigned to %1</source>
        <translation>Asignada a %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting in queue %1</source>
        <translation>Esperando en la cola %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closed (%1)</source>
        <translation>Cerrada (%1)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>24 h window: %1 left</source>
        <translation>Ventana de 24 h: quedan %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>24 h window closed</source>
        <translation>Ventana de 24 h cerrada</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>1 new message ↓</source>
        <translation>1 mensaje nuevo ↓</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 new messages ↓</source>
        <translation>%1 mensajes nuevos ↓</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../wa_desk/ui/app/crash_dialog.py" line="+20"/>
        <source>wa-desk hit a problem</source>
        <translation>wa-desk ha tenido un problema</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Something went wrong inside wa-desk. Your messages and actions are saved; you can keep working, but if this happens again, restart the application and send the log file to your IT team.</source>
        <translation>Algo ha fallado dentro de wa-desk. Tus mensajes y acciones están guardados; puedes seguir trabajando, pero si vuelve a ocurrir, reinicia la aplicación y envía el archivo de registro a tu equipo de TI.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Log file: %1</source>
        <translation>Archivo de registro: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not written</source>
        <translation>no se pudo escribir</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Technical details</source>
        <translation>Detalles técnicos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy details</source>
        <translation>Copiar detalles</translation>
    </message>
</context>
<context>
    <name>CustomerController</name>
    <message>
        <location filename="../../wa_desk/ui/customer/controller.py" line="+277"/>
        <source>“%1” cannot be a tag: use letters, digits, “-” and “.”, at most %2 characters.</source>
        <translation>«%1» no puede ser una etiqueta: usa letras, números, «-» y «.», como máximo %2 caracteres.</translation>
    </message>
</context>
<context>
    <name>CustomerPanel</name>
    <message>
        <location filename="../../wa_desk/ui/customer/panel.py" line="+70"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+3"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location line="-2"/>
        <location line="+3"/>
        <source>Number</source>
        <translation>Número</translation>
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
        <translation>Etiquetas</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+1"/>
        <source>New tag</source>
        <translation>Nueva etiqueta</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+1"/>
        <source>Add tag</source>
        <translation>Añadir etiqueta</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+1"/>
        <source>Remove the selected tag</source>
        <translation>Quitar la etiqueta seleccionada</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+2"/>
        <source>Private notes</source>
        <translation>Notas privadas</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Only agents see notes</source>
        <translation>Solo los agentes ven las notas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New note</source>
        <translation>Nueva nota</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add note</source>
        <translation>Añadir nota</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+2"/>
        <source>Earlier conversations</source>
        <translation>Conversaciones anteriores</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>(unknown)</source>
        <translation>(desconocido)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>1 other conversation in queues you cannot open</source>
        <translation>1 conversación más en colas que no puedes abrir</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 other conversations in queues you cannot open</source>
        <translation>%1 conversaciones más en colas que no puedes abrir</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>None: first conversation</source>
        <translation>Ninguna: es la primera conversación</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stop marketing</source>
        <translation>Dar de baja de marketing</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Allow marketing again</source>
        <translation>Permitir marketing</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The customer asked not to receive marketing messages</source>
        <translation>El cliente pidió no recibir mensajes de marketing</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The customer asked to receive marketing messages again</source>
        <translation>El cliente pidió volver a recibir mensajes de marketing</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>nobody</source>
        <translation>nadie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>closed: %1</source>
        <translation>cerrada: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no disposition</source>
        <translation>sin resultado</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>still open</source>
        <translation>sigue abierta</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>on transfer</source>
        <translation>al transferir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>on closing</source>
        <translation>al cerrar</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>sending…</source>
        <translation>enviando…</translation>
    </message>
</context>
<context>
    <name>DeliveryErrors</name>
    <message>
        <location filename="../../wa_desk/ui/conversation/delivery_errors.py" line="+18"/>
        <source>More than 24 hours have passed since the customer last wrote: send an approved template.</source>
        <translation>Han pasado más de 24 horas desde el último mensaje del cliente: envía una plantilla aprobada.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The business&apos;s WhatsApp account has a payment problem, so nothing can be sent. Tell your supervisor.</source>
        <translation>La cuenta de WhatsApp de la empresa tiene un problema de pago, así que no se puede enviar nada. Avisa a tu supervisor.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>WhatsApp could not deliver it to this number: it may not be on WhatsApp, or the customer may need to update the app or accept WhatsApp&apos;s terms. Try another way to reach them.</source>
        <translation>WhatsApp no pudo entregarlo a este número: puede que no esté en WhatsApp, o que el cliente tenga que actualizar la aplicación o aceptar las condiciones de WhatsApp. Prueba a contactarle por otra vía.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>WhatsApp chose not to deliver this marketing message, to limit how many a customer receives. Do not resend it now: try later, or wait for the customer to write.</source>
        <translation>WhatsApp decidió no entregar este mensaje de marketing para limitar cuántos recibe cada cliente. No lo reenvíes ahora: inténtalo más tarde o espera a que el cliente escriba.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The customer turned off marketing messages from this business. Do not send them marketing; you can still answer what they ask.</source>
        <translation>El cliente desactivó los mensajes de marketing de esta empresa. No le envíes marketing; sí puedes responder a lo que pregunte.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>WhatsApp does not accept this kind of message. Send it as text or as another kind of file.</source>
        <translation>WhatsApp no acepta este tipo de mensaje. Envíalo como texto o como otro tipo de archivo.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The customer&apos;s file could not be downloaded from WhatsApp. Ask them to send it again.</source>
        <translation>No se pudo descargar de WhatsApp el archivo del cliente. Pídele que lo envíe de nuevo.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>WhatsApp could not take the attached file (its type or its size). Try another format or a smaller file.</source>
        <translation>WhatsApp no pudo aceptar el archivo adjunto (por su tipo o su tamaño). Prueba con otro formato o con un archivo más pequeño.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The business&apos;s WhatsApp account is locked, so nothing can be sent. Tell your supervisor.</source>
        <translation>La cuenta de WhatsApp de la empresa está bloqueada, así que no se puede enviar nada. Avisa a tu supervisor.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Too many messages to this customer in a short time. Wait a little, then send it again.</source>
        <translation>Demasiados mensajes a este cliente en poco tiempo. Espera un poco y vuelve a enviarlo.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This number reached WhatsApp&apos;s sending speed limit. Wait a minute, then send it again.</source>
        <translation>Este número alcanzó el límite de velocidad de envío de WhatsApp. Espera un minuto y vuelve a enviarlo.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The business&apos;s WhatsApp account reached its sending limit. Wait a while, then send it again.</source>
        <translation>La cuenta de WhatsApp de la empresa alcanzó su límite de envío. Espera un rato y vuelve a enviarlo.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>WhatsApp is limiting this number because customers blocked or reported its messages as spam. Send only what customers expect, and tell your supervisor.</source>
        <translation>WhatsApp está limitando este número porque hay clientes que bloquearon sus mensajes o los denunciaron como spam. Envía solo lo que los clientes esperan y avisa a tu supervisor.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The template was sent with the wrong number of fields. Fill it in again; if it keeps failing, tell your supervisor.</source>
        <translation>La plantilla se envió con un número de campos incorrecto. Vuelve a rellenarla; si sigue fallando, avisa a tu supervisor.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>That template does not exist on WhatsApp in this language, or is not approved yet. Choose another template.</source>
        <translation>Esa plantilla no existe en WhatsApp en este idioma o todavía no está aprobada. Elige otra plantilla.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The template is too long with what you filled in. Shorten the fields and send it again.</source>
        <translation>La plantilla queda demasiado larga con lo que rellenaste. Acorta los campos y vuelve a enviarla.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>WhatsApp says this template&apos;s content breaks one of its policies. Choose another template and tell your supervisor.</source>
        <translation>WhatsApp indica que el contenido de esta plantilla incumple una de sus políticas. Elige otra plantilla y avisa a tu supervisor.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A field of the template is not in the format the template expects (a date, a number, a file…). Correct it and send it again.</source>
        <translation>Un campo de la plantilla no tiene el formato que la plantilla espera (una fecha, un número, un archivo…). Corrígelo y vuelve a enviarla.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>WhatsApp paused this template for low quality. Choose another template.</source>
        <translation>WhatsApp pausó esta plantilla por baja calidad. Elige otra plantilla.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>WhatsApp disabled this template for low quality. Choose another template.</source>
        <translation>WhatsApp desactivó esta plantilla por baja calidad. Elige otra plantilla.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The business number is not registered with WhatsApp, so nothing can be sent. Tell your supervisor.</source>
        <translation>El número de la empresa no está registrado en WhatsApp, así que no se puede enviar nada. Avisa a tu supervisor.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Something went wrong at WhatsApp. Send it again in a moment.</source>
        <translation>Algo falló en WhatsApp. Vuelve a enviarlo dentro de un momento.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The message was missing a part WhatsApp requires. Check it and send it again.</source>
        <translation>Al mensaje le faltaba una parte que WhatsApp exige. Revísalo y vuelve a enviarlo.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A part of the message is not valid for WhatsApp. Check it and send it again.</source>
        <translation>Una parte del mensaje no es válida para WhatsApp. Revísalo y vuelve a enviarlo.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The customer&apos;s number is the business&apos;s own number: it cannot send to itself.</source>
        <translation>El número del cliente es el de la propia empresa: no puede enviarse mensajes a sí mismo.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The business&apos;s WhatsApp account is temporarily blocked for breaking a WhatsApp policy. Tell your supervisor.</source>
        <translation>La cuenta de WhatsApp de la empresa está bloqueada temporalmente por incumplir una política de WhatsApp. Avisa a tu supervisor.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server&apos;s access to WhatsApp has expired, so nothing can be sent. Tell your supervisor.</source>
        <translation>El acceso del servidor a WhatsApp ha caducado, así que no se puede enviar nada. Avisa a tu supervisor.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>WhatsApp gave no reason.</source>
        <translation>WhatsApp no indicó el motivo.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>WhatsApp refused it for a reason this version does not know (code %1).</source>
        <translation>WhatsApp lo rechazó por un motivo que esta versión no conoce (código %1).</translation>
    </message>
</context>
<context>
    <name>Drilldown</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/drilldown_model.py" line="+50"/>
        <source>Opened</source>
        <translation>Abierta</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Queue</source>
        <translation>Cola</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Agents</source>
        <translation>Agentes</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>First response</source>
        <translation>1.ª respuesta</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Resolution</source>
        <translation>Resolución</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Handle</source>
        <translation>Atención</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>SLA breached</source>
        <translation>SLA incumplidos</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Abandoned</source>
        <translation>Abandonos</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Transfers</source>
        <translation>Traspasos</translation>
    </message>
</context>
<context>
    <name>Heatmap</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/heatmap_words.py" line="+15"/>
        <source>Messages received</source>
        <translation>Mensajes recibidos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conversations opened</source>
        <translation>Conversaciones abiertas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customers waiting</source>
        <translation>Clientes esperando</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First response time (median)</source>
        <translation>Tiempo de primera respuesta (mediana)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>SLA breaches</source>
        <translation>Incumplimientos de SLA</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Abandoned</source>
        <translation>Abandonos</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>By queue</source>
        <translation>Por cola</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By agent</source>
        <translation>Por agente</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Last 24 hours (15 min)</source>
        <translation>Últimas 24 horas (15 min)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 7 days (hourly)</source>
        <translation>Últimos 7 días (por horas)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weekday × hour, 4 weeks</source>
        <translation>Día × hora, 4 semanas</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Weekday × hour, 8 weeks</source>
        <translation>Día × hora, 8 semanas</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>messages</source>
        <translation>mensajes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>conversations</source>
        <translation>conversaciones</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>customers</source>
        <translation>clientes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>median time</source>
        <translation>tiempo mediano</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>breached clocks</source>
        <translation>plazos incumplidos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>abandoned periods</source>
        <translation>periodos abandonados</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 per week (mean)</source>
        <translation>%1 por semana (media)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no data</source>
        <translation>sin datos</translation>
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
        <translation>No se pudo actualizar: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Updating…</source>
        <translation>Actualizando…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Updated at %1</source>
        <translation>Actualizado a las %1</translation>
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
        <translation>Dato</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rows</source>
        <translation>Filas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Range</source>
        <translation>Periodo</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Figure:</source>
        <translation>&amp;Dato:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>R&amp;ows:</source>
        <translation>&amp;Filas:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>R&amp;ange:</source>
        <translation>&amp;Periodo:</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+85"/>
        <location line="+41"/>
        <source>Click a cell to see the conversations behind it.</source>
        <translation>Pulsa una celda para ver las conversaciones que la forman.</translation>
    </message>
    <message>
        <location line="-103"/>
        <source>Conversations behind the cell</source>
        <translation>Conversaciones de la celda</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+61"/>
        <location line="+41"/>
        <location line="+13"/>
        <source>Open a conversation to see its timeline.</source>
        <translation>Abre una conversación para ver su historial.</translation>
    </message>
    <message>
        <location line="-100"/>
        <source>Timeline</source>
        <translation>Historial</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>No queues or agents to show.</source>
        <translation>No hay colas ni agentes que mostrar.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Conversations behind %1</source>
        <translation>Conversaciones de %1</translation>
    </message>
</context>
<context>
    <name>HeatmapView</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/heatmap_view.py" line="+109"/>
        <source>Heat-map</source>
        <translation>Mapa de calor</translation>
    </message>
    <message>
        <location line="+181"/>
        <location line="+202"/>
        <source>Nothing to show yet</source>
        <translation>Aún no hay nada que mostrar</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <location filename="../../wa_desk/ui/shell/help_dialog.py" line="+22"/>
        <location line="+2"/>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
</context>
<context>
    <name>InboxDelegate</name>
    <message>
        <location filename="../../wa_desk/ui/inbox/delegate.py" line="+140"/>
        <source>Window closed</source>
        <translation>Ventana cerrada</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Window %1</source>
        <translation>Ventana %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>assigned</source>
        <translation>asignada</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>waiting in queue</source>
        <translation>esperando en cola</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>closed</source>
        <translation>cerrada</translation>
    </message>
</context>
<context>
    <name>InboxView</name>
    <message>
        <location filename="../../wa_desk/ui/inbox/view.py" line="+50"/>
        <source>Show %1</source>
        <translation>Mostrar %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Search name, number or message</source>
        <translation>Buscar nombre, número o mensaje</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search conversations</source>
        <translation>Buscar conversaciones</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+1"/>
        <source>Order of the conversations</source>
        <translation>Orden de las conversaciones</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Longest waiting</source>
        <translation>Más tiempo esperando</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Newest activity</source>
        <translation>Actividad más reciente</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sort by</source>
        <translation>Ordenar por</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Conversations</source>
        <translation>Conversaciones</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Mine</source>
        <translation>Mías</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Queue</source>
        <translation>Cola</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All</source>
        <translation>Todas</translation>
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
        <translation>Ninguna conversación coincide con «%1». Revisa cómo lo has escrito o busca por número de teléfono.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>You have no conversations assigned. Take one from Queue.</source>
        <translation>No tienes conversaciones asignadas. Coge una de la Cola.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No conversations waiting in your queues.</source>
        <translation>No hay conversaciones esperando en tus colas.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No conversations yet. They appear here as customers write.</source>
        <translation>Aún no hay conversaciones. Aparecerán aquí cuando escriban los clientes.</translation>
    </message>
</context>
<context>
    <name>KeptByMessageDialog</name>
    <message>
        <location filename="../../wa_desk/ui/common/promise_kept_dialog.py" line="+108"/>
        <source>Promise kept</source>
        <translation>Promesa cumplida</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Which of your replies kept “%1”?</source>
        <translation>¿Cuál de tus respuestas cumplió «%1»?</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Template %1</source>
        <translation>Plantilla %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>None of them: kept another way (a call, an email…)</source>
        <translation>Ninguna: se cumplió de otra forma (una llamada, un correo…)</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../wa_desk/ui/common/labels.py" line="+14"/>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Busy</source>
        <translation>Ocupado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Away</source>
        <translation>Ausente</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Off shift</source>
        <translation>Fuera de turno</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Resolved</source>
        <translation>Resuelta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer stopped answering</source>
        <translation>El cliente dejó de responder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Escalated</source>
        <translation>Escalada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sale closed</source>
        <translation>Venta cerrada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spam or wrong number</source>
        <translation>Spam o número equivocado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../wa_desk/ui/shell/main_window.py" line="+148"/>
        <location line="+39"/>
        <source>Connection</source>
        <translation>Conexión</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your status</source>
        <translation>Tu estado</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Status:</source>
        <translation>Estado:</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Preferencias…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign &amp;out</source>
        <translation>Cerrar &amp;sesión</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;My conversations</source>
        <translation>&amp;Mis conversaciones</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Queue</source>
        <translation>&amp;Cola</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;All conversations</source>
        <translation>&amp;Todas las conversaciones</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>C&amp;ustomer panel</source>
        <translation>&amp;Panel del cliente</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Show or hide the customer panel (%1)</source>
        <translation>Mostrar u ocultar el panel del cliente (%1)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Jump to conversation…</source>
        <translation>&amp;Ir a una conversación…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>My &amp;day…</source>
        <translation>Mi &amp;día…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Atajos de teclado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;About wa-desk</source>
        <translation>A&amp;cerca de wa-desk</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open &amp;log folder</source>
        <translation>Abrir la carpeta de &amp;registros</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Inbox</source>
        <translation>&amp;Bandeja de entrada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Supervisor</source>
        <translation>&amp;Supervisión</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>wa-desk — %1</source>
        <translation>wa-desk — %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>○ Signed out</source>
        <translation>○ Sesión cerrada</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>● Connected to the server</source>
        <translation>● Conectado al servidor</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>○ No connection</source>
        <translation>○ Sin conexión</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No connection to the server, retrying in %1 s.</source>
        <translation>Sin conexión con el servidor; nuevo intento en %1 s.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No connection to the server. Reconnecting…</source>
        <translation>Sin conexión con el servidor. Reconectando…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What you write is kept and sent when the connection returns.</source>
        <translation>Lo que escribas se guarda y se envía cuando vuelva la conexión.</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>About wa-desk</source>
        <translation>Acerca de wa-desk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>wa-desk %1
WhatsApp shared inbox for contact centers.</source>
        <translation>wa-desk %1
Bandeja compartida de WhatsApp para centros de contacto.</translation>
    </message>
</context>
<context>
    <name>MediaImageDialog</name>
    <message>
        <location filename="../../wa_desk/ui/media/viewer.py" line="+51"/>
        <source>Picture sent by the customer</source>
        <translation>Imagen enviada por el cliente</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <location filename="../../wa_desk/ui/shell/message_bar.py" line="+38"/>
        <source>Dismiss</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Notice</source>
        <translation>Aviso</translation>
    </message>
</context>
<context>
    <name>MessageContent</name>
    <message>
        <location filename="../../wa_desk/ui/conversation/message_content.py" line="+73"/>
        <source>No usable coordinates</source>
        <translation>Sin coordenadas válidas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Location</source>
        <translation>Ubicación</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>(no name)</source>
        <translation>(sin nombre)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Contact card</source>
        <translation>Tarjeta de contacto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(empty card)</source>
        <translation>(tarjeta vacía)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Video</source>
        <translation>Vídeo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sticker</source>
        <translation>Sticker</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Voice message</source>
        <translation>Mensaje de voz</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>document</source>
        <translation>documento</translation>
    </message>
    <message>
        <location line="+62"/>
        <location line="+68"/>
        <source>Button reply</source>
        <translation>Respuesta de botón</translation>
    </message>
    <message>
        <location line="-67"/>
        <source>List reply</source>
        <translation>Respuesta de lista</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Form reply</source>
        <translation>Respuesta de formulario</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Interactive reply</source>
        <translation>Respuesta interactiva</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Order</source>
        <translation>Pedido</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>WhatsApp did not say why.</source>
        <translation>WhatsApp no indicó el motivo.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Message type not supported</source>
        <translation>Tipo de mensaje no compatible</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason: %1</source>
        <translation>Motivo: %1</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>WhatsApp system notice</source>
        <translation>Aviso del sistema de WhatsApp</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Template %1</source>
        <translation>Plantilla %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The customer deleted a message.</source>
        <translation>El cliente eliminó un mensaje.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Edited message</source>
        <translation>Mensaje editado</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reaction</source>
        <translation>Reacción</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(reaction removed)</source>
        <translation>(reacción retirada)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unknown message type</source>
        <translation>Tipo de mensaje desconocido</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This version of wa-desk cannot show it.</source>
        <translation>Esta versión de wa-desk no puede mostrarlo.</translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <location filename="../../wa_desk/ui/conversation/message_delegate.py" line="+259"/>
        <location line="+268"/>
        <source>Deleted by the customer</source>
        <translation>Eliminado por el cliente</translation>
    </message>
    <message>
        <location line="-237"/>
        <source>Flagged: %1</source>
        <translation>Marcado: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Flagged</source>
        <translation>Marcado</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Show less</source>
        <translation>Ver menos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show more</source>
        <translation>Ver más</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open in OpenStreetMap</source>
        <translation>Abrir en OpenStreetMap</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Download</source>
        <translation>Descargar</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Automatic</source>
        <translation>Automático</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>edited</source>
        <translation>editado</translation>
    </message>
</context>
<context>
    <name>MyDayDialog</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/my_day_dialog.py" line="+41"/>
        <source>Conversations</source>
        <translation>Conversaciones</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Response times</source>
        <translation>Tiempos de respuesta</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Service level</source>
        <translation>Nivel de servicio</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Customers and guidelines</source>
        <translation>Clientes y pautas</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Promises</source>
        <translation>Promesas</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Customer satisfaction</source>
        <translation>Satisfacción del cliente</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>My day</source>
        <translation>Mi día</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Your own figures over the conversations you held, the same your supervisor sees about you.</source>
        <translation>Tus propias cifras sobre las conversaciones que has atendido, las mismas que tu supervisor ve de ti.</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Loading your figures…</source>
        <translation>Cargando tus cifras…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>You held no conversation opened in this range.</source>
        <translation>No has atendido ninguna conversación abierta en este periodo.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Figures as of %1</source>
        <translation>Cifras a fecha de %1</translation>
    </message>
</context>
<context>
    <name>Names</name>
    <message>
        <location filename="../../wa_desk/ui/common/names.py" line="+28"/>
        <source>Unknown customer</source>
        <translation>Cliente desconocido</translation>
    </message>
</context>
<context>
    <name>OptOutLabel</name>
    <message>
        <location filename="../../wa_desk/ui/customer/opt_out_label.py" line="+25"/>
        <source>Marketing messages</source>
        <translation>Mensajes de marketing</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Accepted</source>
        <translation>Acepta</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Marketing templates cannot be sent to this customer. Utility templates, and free text while the 24-hour window is open, still can.</source>
        <translation>No se le pueden enviar plantillas de marketing a este cliente. Las plantillas de utilidad, y el texto libre mientras la ventana de 24 horas está abierta, sí.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>the customer wrote “%1”</source>
        <translation>el cliente escribió «%1»</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>WhatsApp refused a marketing template (error %1)</source>
        <translation>WhatsApp rechazó una plantilla de marketing (error %1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the customer stopped marketing in WhatsApp</source>
        <translation>el cliente desactivó el marketing en WhatsApp</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>recorded by %1</source>
        <translation>lo registró %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>recorded by the team</source>
        <translation>lo registró el equipo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opted out since %1: %2.</source>
        <translation>No recibe marketing desde %1: %2.</translation>
    </message>
</context>
<context>
    <name>ProblemWords</name>
    <message>
        <location filename="../../wa_desk/ui/conversation/problem_words.py" line="+20"/>
        <source>WhatsApp did not say which business number this came to.</source>
        <translation>WhatsApp no indicó a qué número de la empresa llegó.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>WhatsApp gave no usable time for this message: the time shown is when the server received it.</source>
        <translation>WhatsApp no dio una hora válida para este mensaje: la hora que ves es la de su llegada al servidor.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The sender&apos;s number came in an unusual form: check it is the right customer.</source>
        <translation>El número del remitente llegó en un formato inusual: comprueba que es el cliente correcto.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>WhatsApp did not name the sender; it was taken from the contact details.</source>
        <translation>WhatsApp no indicó el remitente; se tomó de los datos de contacto.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The customer is known by a WhatsApp user id only, without a phone number.</source>
        <translation>El cliente solo se conoce por un identificador de usuario de WhatsApp, sin número de teléfono.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>WhatsApp sent this message without an id: replies and reactions to it may not link up.</source>
        <translation>WhatsApp envió este mensaje sin identificador: puede que las respuestas y reacciones a él no queden enlazadas.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>WhatsApp sent this message&apos;s id in an unusual form.</source>
        <translation>WhatsApp envió el identificador de este mensaje en un formato inusual.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>WhatsApp did not say what kind of message this is; it is shown from its content.</source>
        <translation>WhatsApp no indicó qué tipo de mensaje es; se muestra según su contenido.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>WhatsApp did not say what kind of message this is, and it could not be worked out.</source>
        <translation>WhatsApp no indicó qué tipo de mensaje es y no se pudo deducir.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This kind of message cannot be shown by this version of wa-desk.</source>
        <translation>Esta versión de wa-desk no puede mostrar este tipo de mensaje.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>WhatsApp reported an error with this message that could not be read.</source>
        <translation>WhatsApp informó de un error en este mensaje que no se pudo leer.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The message arrived without its content: ask the customer to send it again.</source>
        <translation>El mensaje llegó sin su contenido: pide al cliente que lo envíe de nuevo.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The message&apos;s content could not be read: ask the customer to send it again.</source>
        <translation>No se pudo leer el contenido del mensaje: pide al cliente que lo envíe de nuevo.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Part of the message&apos;s text could not be read: ask the customer to send it again.</source>
        <translation>Una parte del texto del mensaje no se pudo leer: pide al cliente que lo envíe de nuevo.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The file in this message cannot be downloaded: ask the customer to send it again.</source>
        <translation>El archivo de este mensaje no se puede descargar: pide al cliente que lo envíe de nuevo.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The shared location has no usable position.</source>
        <translation>La ubicación compartida no tiene una posición válida.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The shared contacts could not be read.</source>
        <translation>No se pudieron leer los contactos compartidos.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A shared contact could not be read.</source>
        <translation>No se pudo leer un contacto compartido.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>WhatsApp did not say which message this reaction is for.</source>
        <translation>WhatsApp no indicó a qué mensaje corresponde esta reacción.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The customer answered with a kind of reply this version cannot read.</source>
        <translation>El cliente respondió con un tipo de respuesta que esta versión no puede leer.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The order arrived without its products.</source>
        <translation>El pedido llegó sin sus productos.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A product of the order could not be read.</source>
        <translation>No se pudo leer un producto del pedido.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>WhatsApp did not say which message the customer edited.</source>
        <translation>WhatsApp no indicó qué mensaje editó el cliente.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The customer edited a message, but the new text did not arrive.</source>
        <translation>El cliente editó un mensaje, pero el texto nuevo no llegó.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The customer deleted a message, but WhatsApp did not say which.</source>
        <translation>El cliente eliminó un mensaje, pero WhatsApp no indicó cuál.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Something in this message could not be read (%1).</source>
        <translation>Algo de este mensaje no se pudo leer (%1).</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Something in this message could not be read.</source>
        <translation>Algo de este mensaje no se pudo leer.</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <location filename="../../wa_desk/ui/app/problems.py" line="+83"/>
        <source>The server cannot be reached.</source>
        <translation>No se puede contactar con el servidor.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your work is kept and sent when the connection returns. Check your network or ask IT whether the server is running.</source>
        <translation>Tu trabajo se guarda y se envía cuando vuelva la conexión. Comprueba tu red o pregunta a TI si el servidor está funcionando.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Retry now</source>
        <translation>Reintentar ahora</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server&apos;s security certificate is not trusted.</source>
        <translation>El certificado de seguridad del servidor no es de confianza.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Do not continue on this network. Ask IT to check the server&apos;s certificate or the address you signed in to.</source>
        <translation>No sigas en esta red. Pide a TI que revise el certificado del servidor o la dirección con la que iniciaste sesión.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The disk is full: wa-desk cannot save your work locally.</source>
        <translation>El disco está lleno: wa-desk no puede guardar tu trabajo en este equipo.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Free some disk space; wa-desk retries by itself.</source>
        <translation>Libera espacio en disco; wa-desk lo reintentará solo.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The server refused the action.</source>
        <translation>El servidor rechazó la acción.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read the reason below; the conversation may have changed meanwhile.</source>
        <translation>Lee el motivo; puede que la conversación haya cambiado mientras tanto.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The server could not complete the action.</source>
        <translation>El servidor no pudo completar la acción.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try again in a moment; if it persists, tell IT what it says below.</source>
        <translation>Vuelve a intentarlo en un momento; si persiste, cuéntale a IT lo que dice abajo.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>wa-desk could not record this on your computer.</source>
        <translation>wa-desk no pudo guardar esto en tu equipo.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing was sent. Try again; if it persists, restart wa-desk or tell IT what it says below.</source>
        <translation>No se envió nada. Vuelve a intentarlo; si persiste, reinicia wa-desk o cuéntale a IT lo que dice abajo.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>That cannot be used as it is.</source>
        <translation>Eso no se puede usar tal como está.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Correct it as said below and try again.</source>
        <translation>Corrígelo como se indica abajo y vuelve a intentarlo.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your action log cannot be synced with the server.</source>
        <translation>Tu registro de acciones no se puede sincronizar con el servidor.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your actions are kept on this computer and sent again later. If this persists, tell IT what it says below.</source>
        <translation>Tus acciones se guardan en este equipo y se vuelven a enviar más tarde. Si persiste, cuéntale a IT lo que dice abajo.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Your session has expired.</source>
        <translation>Tu sesión ha caducado.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in again to keep receiving conversations.</source>
        <translation>Vuelve a iniciar sesión para seguir recibiendo conversaciones.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sign in again</source>
        <translation>Iniciar sesión de nuevo</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The settings from your IT department could not all be applied.</source>
        <translation>No se han podido aplicar todos los ajustes de tu departamento de informática.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>wa-desk uses your own settings instead. Tell IT: the line above says what to fix in their file.</source>
        <translation>wa-desk usa tus propios ajustes en su lugar. Avisa a informática: la línea de arriba dice qué corregir en su archivo.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A conversation was taken over from you.</source>
        <translation>Asumieron una de tus conversaciones.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It is no longer yours: you cannot answer it any more.</source>
        <translation>Ya no es tuya: no puedes seguir respondiéndola.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The file was not saved.</source>
        <translation>No se ha guardado el archivo.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing half-written was left. Read why below, then try again.</source>
        <translation>No ha quedado nada a medio escribir. Lee el motivo abajo y vuelve a intentarlo.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This file is no longer available from WhatsApp.</source>
        <translation>Este archivo ya no está disponible en WhatsApp.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>WhatsApp keeps customers&apos; files for 7 days and the server no longer has a copy. Ask the customer to send it again.</source>
        <translation>WhatsApp guarda los archivos de los clientes durante 7 días y el servidor ya no tiene una copia. Pide al cliente que lo envíe de nuevo.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Something went wrong.</source>
        <translation>Algo ha fallado.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try again; if it persists, tell IT.</source>
        <translation>Vuelve a intentarlo; si persiste, avisa a TI.</translation>
    </message>
    <message>
        <location line="-55"/>
        <source>No system keyring: you will have to sign in at every start.</source>
        <translation>No hay llavero del sistema: tendrás que iniciar sesión en cada arranque.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your session is kept in memory only, never on disk. Ask IT to enable the system&apos;s secret service to stay signed in.</source>
        <translation>Tu sesión se guarda solo en memoria, nunca en disco. Pide a IT que active el servicio de secretos del sistema para no tener que volver a iniciar sesión.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The server reports a problem.</source>
        <translation>El servidor informa de un problema.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sending may fail until an administrator fixes it.</source>
        <translation>Los envíos pueden fallar hasta que un administrador lo resuelva.</translation>
    </message>
</context>
<context>
    <name>PromiseDialog</name>
    <message>
        <location filename="../../wa_desk/ui/common/promise_dialog.py" line="+40"/>
        <source>A promise that will not be kept</source>
        <translation>Una promesa que no se cumplirá</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move a promise to another date</source>
        <translation>Cambiar la fecha de una promesa</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+15"/>
        <source>Promise</source>
        <translation>Promesa</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>What was promised</source>
        <translation>Qué se prometió</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+20"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>What the customer was told</source>
        <translation>Lo que se le dijo al cliente</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+2"/>
        <source>By when</source>
        <translation>Para cuándo</translation>
    </message>
</context>
<context>
    <name>PromiseKeptByDialog</name>
    <message>
        <location filename="../../wa_desk/ui/common/promise_kept_dialog.py" line="+21"/>
        <source>Which promise did this reply keep? “%1”</source>
        <translation>¿Qué promesa cumplió esta respuesta? «%1»</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Which promise did this reply keep?</source>
        <translation>¿Qué promesa cumplió esta respuesta?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Promise kept</source>
        <translation>Promesa cumplida</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>due %1</source>
        <translation>vence %1</translation>
    </message>
</context>
<context>
    <name>PromiseOfferBar</name>
    <message>
        <location filename="../../wa_desk/ui/conversation/promise_offer.py" line="+33"/>
        <source>Record promise…</source>
        <translation>Registrar promesa…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not a promise</source>
        <translation>No es una promesa</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Record this as a promise? “%1”</source>
        <translation>¿Registrarlo como promesa? «%1»</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Record this as a promise? “%1”, due %2</source>
        <translation>¿Registrarlo como promesa? «%1», vence %2</translation>
    </message>
</context>
<context>
    <name>PromisesBox</name>
    <message>
        <location filename="../../wa_desk/ui/customer/promises_box.py" line="+40"/>
        <location line="+4"/>
        <source>Open promises</source>
        <translation>Promesas abiertas</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Kept</source>
        <translation>Cumplida</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The selected promise was kept: say which of your replies kept it</source>
        <translation>La promesa seleccionada se cumplió: indica con cuál de tus respuestas</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New date…</source>
        <translation>Otra fecha…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move the selected promise to another date, with the reason</source>
        <translation>Cambiar la fecha de la promesa seleccionada, con el motivo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Won&apos;t be kept…</source>
        <translation>No se cumplirá…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The selected promise will not be kept: say why</source>
        <translation>La promesa seleccionada no se cumplirá: indica por qué</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add…</source>
        <translation>Añadir…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record a promise made to the customer</source>
        <translation>Registrar una promesa hecha al cliente</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>None open</source>
        <translation>Ninguna abierta</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>overdue since %1</source>
        <translation>vencida desde %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>due %1</source>
        <translation>vence %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>promised by %1, %2</source>
        <translation>prometida por %1, %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>owner %1</source>
        <translation>responsable %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not yet on the server</source>
        <translation>aún no está en el servidor</translation>
    </message>
</context>
<context>
    <name>QueueTiles</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/queue_tiles.py" line="+205"/>
        <source>Queues</source>
        <translation>Colas</translation>
    </message>
</context>
<context>
    <name>RangePicker</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/range_picker.py" line="+36"/>
        <source>Period</source>
        <translation>Periodo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yesterday</source>
        <translation>Ayer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 7 days</source>
        <translation>Últimos 7 días</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This month</source>
        <translation>Este mes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom</source>
        <translation>Personalizado</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>First day</source>
        <translation>Primer día</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last day (included)</source>
        <translation>Último día (incluido)</translation>
    </message>
</context>
<context>
    <name>Refusals</name>
    <message>
        <location filename="../../wa_desk/ui/app/refusals.py" line="+24"/>
        <source>Another agent took this conversation first.</source>
        <translation>Otro agente tomó esta conversación antes.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only the agent who holds this conversation can do that.</source>
        <translation>Solo el agente que atiende esta conversación puede hacerlo.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This conversation is closed; reopen it first.</source>
        <translation>Esta conversación está cerrada; reábrela primero.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This conversation is not closed.</source>
        <translation>Esta conversación no está cerrada.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>More than 24 hours have passed since the customer last wrote: only an approved template can be sent.</source>
        <translation>Han pasado más de 24 horas desde el último mensaje del cliente: solo se puede enviar una plantilla aprobada.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>That agent or queue cannot take the conversation.</source>
        <translation>Ese agente o esa cola no puede recibir la conversación.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The template has changed on WhatsApp since it was loaded, so it was not sent. It has been loaded again: fill it in once more.</source>
        <translation>La plantilla ha cambiado en WhatsApp desde que se cargó, así que no se envió. Se ha vuelto a cargar: rellénala otra vez.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>That closing reason is not one of this queue&apos;s.</source>
        <translation>Ese motivo de cierre no es de esta cola.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tick the required checklist items before closing.</source>
        <translation>Marca los puntos obligatorios de la lista antes de cerrar.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The message you answered is not part of this conversation, so the reply was not sent.</source>
        <translation>El mensaje que respondiste no es de esta conversación, así que la respuesta no se envió.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The message breaks a rule of your organisation and was not sent.</source>
        <translation>El mensaje incumple una norma de tu organización y no se envió.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>That tag cannot be used.</source>
        <translation>Esa etiqueta no se puede usar.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This conversation is not available to you any more.</source>
        <translation>Esta conversación ya no está disponible para ti.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You are not allowed to do that.</source>
        <translation>No tienes permiso para hacer eso.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only a supervisor of this queue can take over a conversation.</source>
        <translation>Solo un supervisor de esta cola puede asumir una conversación.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nobody holds this conversation: claim it instead.</source>
        <translation>Nadie atiende esta conversación: tómala tú.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This conversation is already yours.</source>
        <translation>Esta conversación ya es tuya.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This customer stopped marketing messages, so the marketing template was not sent. A utility template can still go.</source>
        <translation>Este cliente dejó de recibir mensajes de marketing, así que la plantilla de marketing no se envió. Una plantilla de utilidad sí puede enviarse.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>WhatsApp did not deliver the message.</source>
        <translation>WhatsApp no entregó el mensaje.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server had a problem and could not do it. Try again later.</source>
        <translation>El servidor tuvo un problema y no pudo hacerlo. Vuelve a intentarlo más tarde.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This alert is resolved: what caused it has cleared by itself.</source>
        <translation>Esta alerta está resuelta: lo que la causó se ha solucionado solo.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This message has no file to download.</source>
        <translation>Este mensaje no tiene ningún archivo que descargar.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This file is larger than the server is set to download from WhatsApp.</source>
        <translation>Este archivo es más grande de lo que el servidor tiene permitido descargar de WhatsApp.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server could not accept it as it was.</source>
        <translation>El servidor no pudo aceptarlo tal como estaba.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>That promise was already kept or given up; record a new one instead.</source>
        <translation>Esa promesa ya se cumplió o se dio por incumplida; registra una nueva.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>That promise could not be recorded: record it again.</source>
        <translation>No se pudo registrar esa promesa: regístrala de nuevo.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The message named with the promise is not part of this conversation.</source>
        <translation>El mensaje indicado con la promesa no es de esta conversación.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The message picked as keeping the promise is not one of this customer&apos;s, so the promise is still open.</source>
        <translation>El mensaje elegido como cumplimiento de la promesa no es de este cliente, así que la promesa sigue abierta.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>That colleague does not work in this conversation&apos;s queue.</source>
        <translation>Ese compañero no trabaja en la cola de esta conversación.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The server refused it (code %1).</source>
        <translation>El servidor lo rechazó (código %1).</translation>
    </message>
</context>
<context>
    <name>ReplyBar</name>
    <message>
        <location filename="../../wa_desk/ui/conversation/composer.py" line="-525"/>
        <source>Quoted message</source>
        <translation>Mensaje citado</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Do not reply to this message</source>
        <translation>No responder a este mensaje</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel the reply</source>
        <translation>Cancelar la respuesta</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Replying to %1</source>
        <translation>Respondiendo a %1</translation>
    </message>
</context>
<context>
    <name>ReportChart</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/report_chart.py" line="+57"/>
        <source>Conversations and SLA per day</source>
        <translation>Conversaciones y SLA por día</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 conversations over %2 days</source>
        <translation>%1 conversaciones en %2 días</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Conversations</source>
        <translation>Conversaciones</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SLA %</source>
        <translation>% SLA</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>No conversations in this range</source>
        <translation>No hay conversaciones en este periodo</translation>
    </message>
</context>
<context>
    <name>ReportFigures</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/report_figures.py" line="+47"/>
        <source>Conversations</source>
        <translation>Conversaciones</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conversations opened in the range.</source>
        <translation>Conversaciones abiertas en el periodo.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Closed</source>
        <translation>Cerradas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Of them, those whose last period has ended.</source>
        <translation>De ellas, las que tienen su último periodo terminado.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Periods</source>
        <translation>Periodos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Measurement periods (a reopened conversation has more than one).</source>
        <translation>Periodos de medición (una conversación reabierta tiene más de uno).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>First response</source>
        <translation>Primera respuesta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Median first response time, wall-clock time.</source>
        <translation>Mediana del tiempo de primera respuesta, en tiempo real.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>First response (business)</source>
        <translation>Primera respuesta (laborable)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Median first response time, counting business hours only.</source>
        <translation>Mediana del tiempo de primera respuesta, contando solo el horario laboral.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Next response</source>
        <translation>Siguiente respuesta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Median time to answer each later customer message, wall-clock time.</source>
        <translation>Mediana del tiempo en responder cada mensaje posterior del cliente, en tiempo real.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Next response (business)</source>
        <translation>Siguiente respuesta (laborable)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Median next response time, counting business hours only.</source>
        <translation>Mediana del tiempo de siguiente respuesta, contando solo el horario laboral.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Resolution</source>
        <translation>Resolución</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Median time from opening to closing a period, wall-clock time.</source>
        <translation>Mediana del tiempo desde que se abre un periodo hasta que se cierra, en tiempo real.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Resolution (business)</source>
        <translation>Resolución (laborable)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Median resolution time, counting business hours only.</source>
        <translation>Mediana del tiempo de resolución, contando solo el horario laboral.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Handle time</source>
        <translation>Tiempo de gestión</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Median time agents held a conversation, wall-clock time.</source>
        <translation>Mediana del tiempo que los agentes tuvieron una conversación asignada, en tiempo real.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Handle time (business)</source>
        <translation>Tiempo de gestión (laborable)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Median handle time, counting business hours only.</source>
        <translation>Mediana del tiempo de gestión, contando solo el horario laboral.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Abandoned</source>
        <translation>Abandonadas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Periods where the customer wrote and nobody answered before the close or the end of the 24 h window.</source>
        <translation>Periodos en los que el cliente escribió y nadie respondió antes del cierre o del final de la ventana de 24 h.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Abandoned in 60 s</source>
        <translation>Abandonadas en 60 s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Of the abandoned periods, those abandoned within 60 seconds.</source>
        <translation>De los periodos abandonados, los abandonados en menos de 60 segundos.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share of the judged service-level clocks that met their target.</source>
        <translation>Porcentaje de los relojes de nivel de servicio evaluados que cumplieron su objetivo.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>SLA met</source>
        <translation>SLA cumplido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service-level clocks that met their target.</source>
        <translation>Relojes de nivel de servicio que cumplieron su objetivo.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>SLA breached</source>
        <translation>SLA incumplido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service-level clocks that missed their target.</source>
        <translation>Relojes de nivel de servicio que no cumplieron su objetivo.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>SLA running</source>
        <translation>SLA en curso</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service-level clocks still running when the report was taken.</source>
        <translation>Relojes de nivel de servicio aún en marcha cuando se obtuvo el informe.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Transfers</source>
        <translation>Transferencias</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transfers to another agent or queue.</source>
        <translation>Transferencias a otro agente o cola.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Transfers per conversation</source>
        <translation>Transferencias por conversación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transfers divided by conversations.</source>
        <translation>Transferencias divididas entre conversaciones.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Take-overs</source>
        <translation>Intervenciones</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conversations a supervisor took over.</source>
        <translation>Conversaciones que asumió un supervisor.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Repeat contact 24 h</source>
        <translation>Contacto repetido 24 h</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed conversations whose customer needed someone again within 24 hours.</source>
        <translation>Conversaciones cerradas cuyo cliente volvió a necesitar a alguien en 24 horas.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Repeat contact 72 h</source>
        <translation>Contacto repetido 72 h</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed conversations whose customer needed someone again within 72 hours.</source>
        <translation>Conversaciones cerradas cuyo cliente volvió a necesitar a alguien en 72 horas.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>First-contact resolution</source>
        <translation>Resolución al primer contacto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed conversations whose customer did not need anyone again within 7 days.</source>
        <translation>Conversaciones cerradas cuyo cliente no volvió a necesitar a nadie en 7 días.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>FCR answers known</source>
        <translation>Respuestas de FCR conocidas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many closed conversations first-contact resolution is made of.</source>
        <translation>De cuántas conversaciones cerradas se calcula la resolución al primer contacto.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sends</source>
        <translation>Envíos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Messages sent by agents.</source>
        <translation>Mensajes enviados por los agentes.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Blocks per 100 sends</source>
        <translation>Bloqueos por 100 envíos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sends the guidelines blocked, per 100 sends.</source>
        <translation>Envíos que bloquearon las pautas, por cada 100 envíos.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Overrides per 100 sends</source>
        <translation>Omisiones por 100 envíos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Guideline warnings sent anyway, per 100 sends.</source>
        <translation>Avisos de las pautas enviados de todos modos, por cada 100 envíos.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Canned replies per 100 sends</source>
        <translation>Respuestas rápidas por cada 100 envíos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sends whose text came from a canned reply, per 100 sends.</source>
        <translation>Envíos cuyo texto salió de una respuesta rápida, por cada 100 envíos.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Checklist ticked</source>
        <translation>Lista de cierre marcada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closing checklist items ticked.</source>
        <translation>Elementos marcados de la lista de cierre.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Promises made</source>
        <translation>Promesas hechas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Promises recorded to customers (by agent: those the agent made).</source>
        <translation>Promesas registradas a clientes (por agente: las que hizo el agente).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Kept on time</source>
        <translation>Cumplidas a tiempo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Promises kept by their due date (by agent: of those the agent owns).</source>
        <translation>Promesas cumplidas en su plazo (por agente: de las que son suyas).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Kept late</source>
        <translation>Cumplidas tarde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Promises kept after their due date.</source>
        <translation>Promesas cumplidas después de su plazo.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Broken</source>
        <translation>Incumplidas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Promises an agent marked as not going to be kept.</source>
        <translation>Promesas que un agente marcó como que no se cumplirán.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Overdue</source>
        <translation>Vencidas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Promises still open past their due date.</source>
        <translation>Promesas aún abiertas pasado su plazo.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Closed with a promise open</source>
        <translation>Cerradas con una promesa abierta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed conversations in which a promise was still open at the close.</source>
        <translation>Conversaciones cerradas con alguna promesa aún abierta al cerrar.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Surveys</source>
        <translation>Encuestas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Satisfaction surveys sent after a close.</source>
        <translation>Encuestas de satisfacción enviadas tras un cierre.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Ratings</source>
        <translation>Valoraciones</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Surveys the customer answered with a rating.</source>
        <translation>Encuestas que el cliente respondió con una valoración.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>CSAT</source>
        <translation>CSAT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ratings of 4 or 5 out of 5, of all ratings.</source>
        <translation>Valoraciones de 4 o 5 sobre 5, del total de valoraciones.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Average rating</source>
        <translation>Valoración media</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The customers&apos; average rating, from 1 to 5.</source>
        <translation>La valoración media de los clientes, de 1 a 5.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Surveys answered</source>
        <translation>Encuestas respondidas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Surveys the customer answered, of those sent.</source>
        <translation>Encuestas que el cliente respondió, de las enviadas.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Occupancy</source>
        <translation>Ocupación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conversations held while available, relative to the capacity.</source>
        <translation>Conversaciones atendidas durante el tiempo disponible, respecto a la capacidad.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
</context>
<context>
    <name>ReportModel</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/report_model.py" line="+131"/>
        <source>Queue</source>
        <translation>Cola</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Day</source>
        <translation>Día</translation>
    </message>
</context>
<context>
    <name>ReportsController</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/reports_controller.py" line="+141"/>
        <source>The disk is full: the report was not saved. Free some space and export again.</source>
        <translation>El disco está lleno: no se ha guardado el informe. Libera espacio y vuelve a exportarlo.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server stopped answering: the report was not saved. Export again once the connection is back.</source>
        <translation>El servidor ha dejado de responder: no se ha guardado el informe. Vuelve a exportarlo cuando vuelva la conexión.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your session has expired: sign in again and export again.</source>
        <translation>Tu sesión ha caducado: vuelve a iniciar sesión y a exportar.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>That folder cannot be written to: pick another one.</source>
        <translation>No se puede escribir en esa carpeta: elige otra.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+3"/>
        <source>The report was not saved: %1</source>
        <translation>No se ha guardado el informe: %1</translation>
    </message>
</context>
<context>
    <name>ReportsPanel</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/reports_panel.py" line="+54"/>
        <source>Group by</source>
        <translation>Agrupar por</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>By queue</source>
        <translation>Por cola</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By agent</source>
        <translation>Por agente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By day</source>
        <translation>Por día</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One row per conversation opened in the range</source>
        <translation>Una fila por conversación abierta en el periodo</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Report</source>
        <translation>Informe</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Loading the report…</source>
        <translation>Cargando el informe…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No conversations were opened in this range.</source>
        <translation>No se abrió ninguna conversación en este periodo.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Figures as of %1</source>
        <translation>Cifras a fecha de %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Export the report</source>
        <translation>Exportar el informe</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All files (*)</source>
        <translation>Todos los archivos (*)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Exporting to %1…</source>
        <translation>Exportando a %1…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Conversations so far: %1 (%2)</source>
        <translation>Conversaciones hasta ahora: %1 (%2)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Conversations exported: %1, to %2</source>
        <translation>Conversaciones exportadas: %1, a %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export cancelled: no file was saved.</source>
        <translation>Exportación cancelada: no se ha guardado ningún archivo.</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../wa_desk/ui/app/session.py" line="+263"/>
        <source>The server&apos;s guidelines cannot be used: %1</source>
        <translation>No se pueden usar las normas del servidor: %1</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../wa_desk/ui/settings/settings.py" line="+49"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The language of the application; System follows the computer.</source>
        <translation>El idioma de la aplicación; Sistema usa el del equipo.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light or dark colours; System follows the computer.</source>
        <translation>Colores claros u oscuros; Sistema usa los del equipo.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Desktop notifications</source>
        <translation>Notificaciones de escritorio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show a notification when a customer writes and the window is not in front.</source>
        <translation>Mostrar una notificación cuando un cliente escribe y la ventana no está delante.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Sound</source>
        <translation>Sonido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Play a sound with each notification.</source>
        <translation>Reproducir un sonido con cada notificación.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Font size</source>
        <translation>Tamaño de letra</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text size in points; 0 uses the system size.</source>
        <translation>Tamaño del texto en puntos; 0 usa el del sistema.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Server address</source>
        <translation>Dirección del servidor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The address of your organisation&apos;s wa-desk server.</source>
        <translation>La dirección del servidor de wa-desk de tu organización.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Last user</source>
        <translation>Último usuario</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The user name offered at sign-in.</source>
        <translation>El nombre de usuario que se propone al iniciar sesión.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Inbox order</source>
        <translation>Orden de la bandeja</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Longest waiting puts first the customer who has waited longest for an answer; newest activity, the latest message.</source>
        <translation>Más tiempo esperando pone primero al cliente que lleva más tiempo esperando respuesta; actividad más reciente, el último mensaje.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Conversation list width</source>
        <translation>Ancho de la lista de conversaciones</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The width of the list of conversations.</source>
        <translation>El ancho de la lista de conversaciones.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Customer panel width</source>
        <translation>Ancho del panel del cliente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The width of the customer panel.</source>
        <translation>El ancho del panel del cliente.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Customer panel</source>
        <translation>Panel del cliente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the customer panel beside the conversation when the window is wide enough.</source>
        <translation>Mostrar el panel del cliente junto a la conversación cuando la ventana es lo bastante ancha.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Last view</source>
        <translation>Última vista</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The view the window opens on: the inbox or the supervisor view.</source>
        <translation>La vista con la que se abre la ventana: la bandeja de entrada o la de supervisión.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../wa_desk/ui/settings/dialog.py" line="+29"/>
        <source>Settings</source>
        <translation>Preferencias</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Set by your IT department.</source>
        <translation>Fijado por tu departamento de informática.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+22"/>
        <source>System</source>
        <translation>Sistema</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>Oscuro</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>On</source>
        <translation>Activado</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <location filename="../../wa_desk/ui/shell/shortcuts.py" line="+28"/>
        <source>Jump to a conversation</source>
        <translation>Ir a una conversación</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Next conversation</source>
        <translation>Conversación siguiente</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Previous conversation</source>
        <translation>Conversación anterior</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Write a message</source>
        <translation>Escribir un mensaje</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open templates</source>
        <translation>Abrir plantillas</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Claim the conversation</source>
        <translation>Tomar la conversación</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Release the conversation</source>
        <translation>Liberar la conversación</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Transfer the conversation</source>
        <translation>Transferir la conversación</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Take over the conversation</source>
        <translation>Asumir la conversación</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Close the conversation</source>
        <translation>Cerrar la conversación</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Show or hide the customer panel</source>
        <translation>Mostrar u ocultar el panel del cliente</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>My day: your own figures</source>
        <translation>Mi día: tus propias cifras</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Show the inbox</source>
        <translation>Mostrar la bandeja de entrada</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Show the supervisor view (supervisors and administrators)</source>
        <translation>Mostrar la vista de supervisión (supervisores y administradores)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
</context>
<context>
    <name>SignIn</name>
    <message>
        <location filename="../../wa_desk/ui/app/signin.py" line="+61"/>
        <source>Your session expired. Sign in again.</source>
        <translation>Tu sesión ha caducado. Vuelve a iniciar sesión.</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Wrong user name or password.</source>
        <translation>Usuario o contraseña incorrectos.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The server&apos;s certificate could not be verified. Check the address, or ask IT to install the company&apos;s certificate.</source>
        <translation>No se pudo verificar el certificado del servidor. Revisa la dirección o pide a IT que instale el certificado de la empresa.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server cannot be reached. Check the address and your network.</source>
        <translation>No se puede contactar con el servidor. Revisa la dirección y tu red.</translation>
    </message>
</context>
<context>
    <name>SignedOutPage</name>
    <message>
        <location filename="../../wa_desk/ui/shell/signed_out_page.py" line="+18"/>
        <source>You are signed out.</source>
        <translation>Has cerrado sesión.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Conversations and what you did are kept on this computer. Sign in to keep working; what is waiting to be sent goes out then.</source>
        <translation>Las conversaciones y lo que hiciste se guardan en este equipo. Inicia sesión para seguir trabajando; lo que espera envío saldrá entonces.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Sign in…</source>
        <translation>Iniciar sesión…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
</context>
<context>
    <name>SigninDialog</name>
    <message>
        <location filename="../../wa_desk/ui/shell/signin_dialog.py" line="+32"/>
        <source>Sign in to wa-desk</source>
        <translation>Iniciar sesión en wa-desk</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Why you need to sign in</source>
        <translation>Por qué debes iniciar sesión</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+19"/>
        <source>Server address</source>
        <translation>Dirección del servidor</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Set by your IT department.</source>
        <translation>Fijado por tu departamento de informática.</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+12"/>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <location line="-9"/>
        <location line="+10"/>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Your session expired. Sign in again to keep working.</source>
        <translation>Tu sesión ha caducado. Vuelve a iniciar sesión para seguir trabajando.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Too many attempts: try again in %1.</source>
        <translation>Demasiados intentos: vuelve a intentarlo en %1.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This account is locked after too many failed attempts; ask your administrator to unlock it.</source>
        <translation>Esta cuenta está bloqueada tras demasiados intentos fallidos; pide a tu administrador que la desbloquee.</translation>
    </message>
</context>
<context>
    <name>StatusTimeline</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/timeline_view.py" line="+33"/>
        <source>Status today</source>
        <translation>Estado hoy</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Status today: %1</source>
        <translation>Estado hoy: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing known yet</source>
        <translation>Aún no se sabe nada</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Choose an agent to see their day.</source>
        <translation>Elige un agente para ver su día.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 today</source>
        <translation>%1 hoy</translation>
    </message>
</context>
<context>
    <name>SupervisorPage</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/page.py" line="+27"/>
        <source>Supervisor</source>
        <translation>Supervisión</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Wallboard</source>
        <translation>&amp;Panel en directo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Heat-map</source>
        <translation>&amp;Mapa de calor</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A&amp;lerts</source>
        <translation>A&amp;lertas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Reports</source>
        <translation>&amp;Informes</translation>
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
        <translation>Puesta al día del registro de acciones</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sync now</source>
        <translation>Sincronizar ahora</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Sending to the server</source>
        <translation>Envío al servidor</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What waits to be sent to the server</source>
        <translation>Lo que falta por enviar al servidor</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Try to send what waits to the server now</source>
        <translation>Intentar enviar ahora al servidor lo que falta</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Syncing your last actions…</source>
        <translation>Sincronizando tus últimas acciones…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Syncing actions: %1 of %2</source>
        <translation>Sincronizando acciones: %1 de %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 actions of other agents wait for their sign-in here</source>
        <translation>%1 acciones de otros agentes esperan a que inicien sesión aquí</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>All sent</source>
        <translation>Todo enviado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 waiting to be sent</source>
        <translation>1 pendiente de enviar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 waiting to be sent</source>
        <translation>%1 pendientes de enviar</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Your session expired: sign in again to send it.</source>
        <translation>Tu sesión ha caducado: vuelve a iniciar sesión para enviarlo.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server refused part of your action log.</source>
        <translation>El servidor rechazó parte de tu registro de acciones.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server&apos;s copy of your action log differs from this one.</source>
        <translation>La copia de tu registro de acciones en el servidor no coincide con esta.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server&apos;s security certificate is not trusted.</source>
        <translation>El certificado de seguridad del servidor no es de confianza.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server had a problem of its own and will be asked again.</source>
        <translation>El servidor tuvo un problema propio; se le volverá a pedir.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server cannot be reached.</source>
        <translation>No se puede contactar con el servidor.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server has not taken it yet (%1).</source>
        <translation>El servidor aún no lo ha recibido (%1).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Everything you did has reached the server.</source>
        <translation>Todo lo que hiciste ya llegó al servidor.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Messages: %1</source>
        <translation>Mensajes: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other actions: %1</source>
        <translation>Otras acciones: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action log entries: %1</source>
        <translation>Entradas del registro de acciones: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Waiting since: %1</source>
        <translation>Pendiente desde: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last problem: %1</source>
        <translation>Último problema: %1</translation>
    </message>
</context>
<context>
    <name>TemplateForm</name>
    <message>
        <location filename="../../wa_desk/ui/conversation/template_form.py" line="+166"/>
        <source>Search templates: words, name or language</source>
        <translation>Buscar plantillas: palabras, nombre o idioma</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search templates</source>
        <translation>Buscar plantillas</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Templates</source>
        <translation>Plantillas</translation>
    </message>
    <message>
        <location line="+131"/>
        <source>There are no approved templates to send.</source>
        <translation>No hay plantillas aprobadas que enviar.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick a template.</source>
        <translation>Elige una plantilla.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This customer stopped marketing messages, and “%1” is a marketing template: it cannot be sent to them. Pick a utility template.</source>
        <translation>Este cliente dejó de recibir mensajes de marketing y «%1» es una plantilla de marketing: no se le puede enviar. Elige una plantilla de utilidad.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Fill in “%1”.</source>
        <translation>Rellena «%1».</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fill in “%1” and the other empty values.</source>
        <translation>Rellena «%1» y los demás valores vacíos.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The header&apos;s link must be a web address that starts with https://</source>
        <translation>El enlace del encabezado debe ser una dirección web que empiece por https://</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The latitude must be a number from -90 to 90, such as 40.4168.</source>
        <translation>La latitud debe ser un número entre -90 y 90, por ejemplo 40.4168.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The longitude must be a number from -180 to 180, such as -3.7038.</source>
        <translation>La longitud debe ser un número entre -180 y 180, por ejemplo -3.7038.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>WhatsApp has paused “%1”, so it cannot be sent for now. Pick another template.</source>
        <translation>WhatsApp ha pausado «%1», así que por ahora no se puede enviar. Elige otra plantilla.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>WhatsApp has disabled “%1”: it can no longer be sent. Pick another template.</source>
        <translation>WhatsApp ha desactivado «%1»: ya no se puede enviar. Elige otra plantilla.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>WhatsApp has rejected “%1”: it cannot be sent. Pick another template.</source>
        <translation>WhatsApp ha rechazado «%1»: no se puede enviar. Elige otra plantilla.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“%1” is no longer among the WhatsApp templates, so it cannot be sent. Pick another template.</source>
        <translation>«%1» ya no está entre las plantillas de WhatsApp, así que no se puede enviar. Elige otra plantilla.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>“%1” is no longer approved on WhatsApp, so it cannot be sent. Pick another template.</source>
        <translation>«%1» ya no está aprobada en WhatsApp, así que no se puede enviar. Elige otra plantilla.</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Header image link</source>
        <translation>Enlace de la imagen del encabezado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Header video link</source>
        <translation>Enlace del vídeo del encabezado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Header document link</source>
        <translation>Enlace del documento del encabezado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Header location: latitude</source>
        <translation>Ubicación del encabezado: latitud</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Header location: longitude</source>
        <translation>Ubicación del encabezado: longitud</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Header location: place name</source>
        <translation>Ubicación del encabezado: nombre del lugar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Header location: address</source>
        <translation>Ubicación del encabezado: dirección</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Button “%1”: code</source>
        <translation>Botón «%1»: código</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Header: %1</source>
        <translation>Encabezado: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Body: %1</source>
        <translation>Cuerpo: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Button “%1” link: %2</source>
        <translation>Enlace del botón «%1»: %2</translation>
    </message>
</context>
<context>
    <name>TemplateList</name>
    <message>
        <location filename="../../wa_desk/ui/conversation/template_list.py" line="+48"/>
        <source>Utility</source>
        <translation>Utilidad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Marketing</source>
        <translation>Marketing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Authentication</source>
        <translation>Autenticación</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>customer opted out</source>
        <translation>cliente de baja</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The customer stopped marketing messages: this one cannot be sent.</source>
        <translation>El cliente dejó de recibir mensajes de marketing: esta no se puede enviar.</translation>
    </message>
</context>
<context>
    <name>TemplatePreview</name>
    <message>
        <location filename="../../wa_desk/ui/conversation/template_form.py" line="-336"/>
        <source>Template preview</source>
        <translation>Vista previa de la plantilla</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preview header</source>
        <translation>Encabezado de la vista previa</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Preview body</source>
        <translation>Cuerpo de la vista previa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preview footer</source>
        <translation>Pie de la vista previa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preview buttons</source>
        <translation>Botones de la vista previa</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preview</source>
        <translation>Vista previa</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Pick a template to see what the customer will get.</source>
        <translation>Elige una plantilla para ver lo que recibirá el cliente.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>[Location]</source>
        <translation>[Ubicación]</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>[Image]</source>
        <translation>[Imagen]</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>[Video]</source>
        <translation>[Vídeo]</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>[Document]</source>
        <translation>[Documento]</translation>
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
        <translation>hoy, al final del día</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tomorrow, end of day</source>
        <translation>mañana, al final del día</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1, end of day</source>
        <translation>%1, al final del día</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Yesterday</source>
        <translation>Ayer</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/timeline_words.py" line="+24"/>
        <source>Conversation opened</source>
        <translation>Conversación abierta</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Routed to a queue</source>
        <translation>Enviada a una cola</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 assigned it to an agent</source>
        <translation>%1 la asignó a un agente</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 took it back to the queue</source>
        <translation>%1 la devolvió a la cola</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 claimed it</source>
        <translation>%1 la tomó</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 released it</source>
        <translation>%1 la liberó</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 transferred it</source>
        <translation>%1 la transfirió</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 closed it</source>
        <translation>%1 la cerró</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 reopened it</source>
        <translation>%1 la reabrió</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 took it over</source>
        <translation>%1 se hizo cargo de ella</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 read it</source>
        <translation>%1 la leyó</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server received the customer&apos;s message</source>
        <translation>El servidor recibió el mensaje del cliente</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>WhatsApp reported a message&apos;s status</source>
        <translation>WhatsApp informó del estado de un mensaje</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 sent a message</source>
        <translation>%1 envió un mensaje</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 replied automatically</source>
        <translation>%1 respondió automáticamente</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A message from %1 could not be sent</source>
        <translation>No se pudo enviar un mensaje de %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 used a template</source>
        <translation>%1 usó una plantilla</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 sent a canned reply</source>
        <translation>%1 envió una respuesta rápida</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 ticked a checklist item</source>
        <translation>%1 marcó un punto de la lista</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 unticked a checklist item</source>
        <translation>%1 desmarcó un punto de la lista</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 added a note</source>
        <translation>%1 añadió una nota</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 added a tag</source>
        <translation>%1 añadió una etiqueta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 removed a tag</source>
        <translation>%1 quitó una etiqueta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The customer stopped marketing messages</source>
        <translation>El cliente dejó de recibir mensajes de marketing</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The customer resumed marketing messages</source>
        <translation>El cliente volvió a aceptar mensajes de marketing</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 was warned by a guideline</source>
        <translation>Una pauta avisó a %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 overrode a guideline</source>
        <translation>%1 pasó por alto una pauta</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A guideline blocked %1</source>
        <translation>Una pauta bloqueó a %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 looked at it</source>
        <translation>%1 la consultó</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 recorded a promise</source>
        <translation>%1 registró una promesa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 marked a promise kept</source>
        <translation>%1 marcó una promesa como cumplida</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 moved a promise to another date</source>
        <translation>%1 cambió la fecha de una promesa</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 marked a promise broken</source>
        <translation>%1 marcó una promesa como incumplida</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 handed a promise to a colleague</source>
        <translation>%1 pasó una promesa a un compañero</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The customer was asked to rate the service</source>
        <translation>Se pidió al cliente que valorara la atención</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The customer rated the service</source>
        <translation>El cliente valoró la atención</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>in the queue</source>
        <translation>en la cola</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>being answered</source>
        <translation>en atención</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>closed</source>
        <translation>cerrada</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>sent</source>
        <translation>enviado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>delivered</source>
        <translation>entregado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>read by the customer</source>
        <translation>leído por el cliente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>fallido</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>refused by the server: %1</source>
        <translation>rechazado por el servidor: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not confirmed by the server</source>
        <translation>sin confirmar por el servidor</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>to queue %1</source>
        <translation>a la cola %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>WhatsApp error %1</source>
        <translation>error %1 de WhatsApp</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 of 5</source>
        <translation>%1 de 5</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 assigned it to %2</source>
        <translation>%1 la asignó a %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 took it back to the queue from %2</source>
        <translation>%1 se la quitó a %2 y la devolvió a la cola</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the customer waited 1 minute for an answer</source>
        <translation>el cliente esperó 1 minuto una respuesta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the customer waited %1 minutes for an answer</source>
        <translation>el cliente esperó %1 minutos una respuesta</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>in turn</source>
        <translation>por turno</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the least busy agent</source>
        <translation>el agente menos ocupado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the agent who served this customer last</source>
        <translation>el agente que atendió a este cliente la última vez</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>due %1</source>
        <translation>vence %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>kept by a message of a later conversation</source>
        <translation>cumplida con un mensaje de una conversación posterior</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>kept by a message</source>
        <translation>cumplida con un mensaje</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>late</source>
        <translation>tarde</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>open</source>
        <translation>abierta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kept</source>
        <translation>cumplida</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>broken</source>
        <translation>incumplida</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Promise: %1 · due %2 · %3 · owner %4</source>
        <translation>Promesa: %1 · vence %2 · %3 · responsable %4</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Kept the promise: %1</source>
        <translation>Cumplió la promesa: %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>the server</source>
        <translation>el servidor</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>as logged on their computer</source>
        <translation>según el registro de su ordenador</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Automatic routing</source>
        <translation>Reparto automático</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server (automatic)</source>
        <translation>El servidor (automático)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Satisfaction survey</source>
        <translation>Encuesta de satisfacción</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Customer %1</source>
        <translation>Cliente %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 (template %2)</source>
        <translation>%1 (plantilla %2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>[template message]</source>
        <translation>[mensaje de plantilla]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>[photo]</source>
        <translation>[foto]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>[video]</source>
        <translation>[vídeo]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>[sticker]</source>
        <translation>[sticker]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>[document]</source>
        <translation>[documento]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>[audio]</source>
        <translation>[audio]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>[location]</source>
        <translation>[ubicación]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>[contact card]</source>
        <translation>[tarjeta de contacto]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>[reply to buttons or a list]</source>
        <translation>[respuesta a botones o a una lista]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>[reaction]</source>
        <translation>[reacción]</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>[a message of type %1]</source>
        <translation>[un mensaje de tipo %1]</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 · queue %2 · %3</source>
        <translation>%1 · cola %2 · %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Waited %1 · first response %2 · handled %3</source>
        <translation>Esperó %1 · primera respuesta %2 · atendida %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Closed as %1</source>
        <translation>Cerrada como %1</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/timeline_model.py" line="+59"/>
        <source>%1 since %2</source>
        <translation>%1 desde las %2</translation>
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
        <translation>Transferir conversación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To an agent</source>
        <translation>A un agente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To a queue</source>
        <translation>A una cola</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Queue</source>
        <translation>Cola</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What the next person should know</source>
        <translation>Lo que debe saber la siguiente persona</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+5"/>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Transfer</source>
        <translation>Transferir</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Also hand over its open promise to that agent</source>
        <translation>Pasar también a ese agente su promesa abierta</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Also hand over its %1 open promises to that agent</source>
        <translation>Pasar también a ese agente sus %1 promesas abiertas</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <location filename="../../wa_desk/ui/shell/tray.py" line="+101"/>
        <source>Show wa-desk</source>
        <translation>Mostrar wa-desk</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>wa-desk: %1 unread</source>
        <translation>wa-desk: %1 sin leer</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open alerts: %1</source>
        <translation>Alertas abiertas: %1</translation>
    </message>
</context>
<context>
    <name>VideoTile</name>
    <message>
        <location filename="../../wa_desk/ui/conversation/video_tile.py" line="+18"/>
        <source>Open</source>
        <translation>Abrir</translation>
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
        <translation>En espera</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Longest wait</source>
        <translation>Espera más larga</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SLA today</source>
        <translation>SLA hoy</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Median first reply</source>
        <translation>1.ª respuesta mediana</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>At risk now</source>
        <translation>En riesgo ahora</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Windows closing</source>
        <translation>Ventanas por cerrar</translation>
    </message>
</context>
<context>
    <name>WallboardController</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/wallboard_controller.py" line="+157"/>
        <source>%1 is no longer in any of your queues: you cannot change them.</source>
        <translation>%1 ya no está en ninguna de tus colas: no puedes cambiarle nada.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 was not changed. %2</source>
        <translation>No se ha cambiado a %1. %2</translation>
    </message>
</context>
<context>
    <name>WallboardPanel</name>
    <message>
        <location filename="../../wa_desk/ui/supervisor/wallboard_panel.py" line="+60"/>
        <source>Queue</source>
        <translation>Cola</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All queues</source>
        <translation>Todas las colas</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Agents of</source>
        <translation>&amp;Agentes de</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>C&amp;hange status or capacity…</source>
        <translation>Cam&amp;biar estado o capacidad…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Reassign their conversations…</source>
        <translation>&amp;Reasignar sus conversaciones…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Agents</source>
        <translation>Agentes</translation>
    </message>
    <message>
        <location line="+146"/>
        <source>No agents in your queues yet.</source>
        <translation>Aún no hay agentes en tus colas.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nobody works in this queue.</source>
        <translation>Nadie trabaja en esta cola.</translation>
    </message>
</context>
</TS>
