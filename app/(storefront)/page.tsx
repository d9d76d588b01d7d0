export default function StorefrontPlaceholder() {
  return <main className="p-6">단골</main>;
}
