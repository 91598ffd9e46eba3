-- The user's previous message, for answers to the assistant's questions ("which Acme?" → "Acme Logistics").
CREATE INDEX "InboxMessage_userId_id_idx" ON "InboxMessage"("userId", "id");
