// Spot balances by asset, each with its screen verdict.
import { VerdictBadge } from './ui.jsx';

export function BalanceTable({ balances, verdicts, caption }) {
  if (!balances) return null;
  if (balances.length === 0) return <p>No spot balances.</p>;
  return (
    <table class="balances">
      <caption>{caption || 'Spot balances'}</caption>
      <thead>
        <tr>
          <th scope="col">Asset</th>
          <th scope="col" class="num">
            Free
          </th>
          <th scope="col" class="num">
            Locked
          </th>
          <th scope="col">Screen</th>
        </tr>
      </thead>
      <tbody>
        {balances.map((b) => (
          <tr>
            <th scope="row">{b.asset}</th>
            <td class="num">{b.free}</td>
            <td class="num">{b.locked}</td>
            <td>
              <VerdictBadge verdict={verdicts?.[b.asset]} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
