#include "core/siting.hpp"

#include <algorithm>
#include <functional>
#include <queue>

namespace sf {

namespace {

// Lazy greedy: candidates wait in a max-heap under their last known gain; a popped candidate
// is re-evaluated, and taken when it still beats the next best bound.
template <typename Done>
std::vector<SitingPick> greedy(const SitingProblem& p, size_t max_picks, Done done) {
  std::vector<SitingPick> picks;
  std::vector<char> covered(p.weight.size(), 0);
  auto gain_of = [&](uint32_t c) {
    double g = 0;
    for (uint32_t e : p.covers[c])
      if (!covered[e]) g += p.weight[e];
    return g;
  };
  using Entry = std::pair<double, uint32_t>;  // gain bound, candidate (lower id wins ties)
  auto worse = [](const Entry& a, const Entry& b) {
    return a.first != b.first ? a.first < b.first : a.second > b.second;
  };
  std::priority_queue<Entry, std::vector<Entry>, decltype(worse)> heap(worse);
  for (uint32_t c = 0; c < p.covers.size(); ++c) heap.push({gain_of(c), c});
  double cumulative = p.covered_before;
  while (picks.size() < max_picks && !heap.empty() && !done(cumulative)) {
    const Entry top = heap.top();
    heap.pop();
    const double g = gain_of(top.second);
    if (!heap.empty() && worse({g, top.second}, heap.top())) {
      heap.push({g, top.second});
      continue;
    }
    if (g <= 0) break;
    for (uint32_t e : p.covers[top.second]) covered[e] = 1;
    cumulative += g;
    picks.push_back({top.second, g, cumulative, p.total > 0 ? 100 * cumulative / p.total : 0});
  }
  return picks;
}

}  // namespace

std::vector<SitingPick> greedy_max_cover(const SitingProblem& problem, size_t k) {
  return greedy(problem, k, [](double) { return false; });
}

std::vector<SitingPick> greedy_set_cover(const SitingProblem& problem, double target_pct,
                                         size_t max_picks) {
  return greedy(problem, max_picks, [&](double cumulative) {
    return problem.total > 0 && 100 * cumulative / problem.total >= target_pct;
  });
}

double exact_max_cover(const SitingProblem& problem, size_t k) {
  const size_t n = problem.covers.size();
  k = std::min(k, n);
  std::vector<size_t> pick(k);
  for (size_t i = 0; i < k; ++i) pick[i] = i;
  double best = 0;
  std::vector<char> covered(problem.weight.size());
  while (true) {
    std::fill(covered.begin(), covered.end(), 0);
    double value = 0;
    for (size_t c : pick) {
      for (uint32_t e : problem.covers[c]) {
        if (!covered[e]) {
          covered[e] = 1;
          value += problem.weight[e];
        }
      }
    }
    best = std::max(best, value);
    // Next combination in lexicographic order.
    size_t i = k;
    while (i > 0 && pick[i - 1] == n - k + i - 1) --i;
    if (i == 0) break;
    ++pick[i - 1];
    for (size_t j = i; j < k; ++j) pick[j] = pick[j - 1] + 1;
  }
  return problem.covered_before + best;
}

}  // namespace sf
