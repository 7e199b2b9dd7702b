export default function Home() {
  return <main>ACR Geo Console</main>;
}
