/**
 * Any other address under /app: the console's 404 (not-found.tsx, inside the console's frame)
 * for a signed-in customer; the sign-in page for everyone else, like every /app page.
 */
import { notFound } from "next/navigation";
import { requireCustomer } from "../require-customer";

export default async function MissingCustomerPage() {
  await requireCustomer();
  notFound();
}
