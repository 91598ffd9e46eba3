-- CreateIndex
CREATE INDEX "Customer_searchKeys_idx" ON "Customer" USING GIN ("searchKeys");

