export default function P() { return <main><h1>x</h1></main>; }
