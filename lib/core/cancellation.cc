#include "core/cancellation.h"

namespace conflictctl {

CancellationToken::CancellationToken() : shared_(std::make_shared<Shared>()) {}

bool CancellationToken::cancelled() const { return shared_->cancelled.load(); }

void CancellationToken::on_cancel(std::function<void()> callback) const {
  {
    std::lock_guard lock(shared_->mutex);
    if (!shared_->cancelled.load()) {
      shared_->callbacks.push_back(std::move(callback));
      return;
    }
  }
  callback();
}

void CancellationSource::cancel() {
  std::vector<std::function<void()>> callbacks;
  {
    std::lock_guard lock(token_.shared_->mutex);
    if (token_.shared_->cancelled.exchange(true)) return;
    callbacks.swap(token_.shared_->callbacks);
  }
  for (auto& callback : callbacks) callback();
}

}  // namespace conflictctl
