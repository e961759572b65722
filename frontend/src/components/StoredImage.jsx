import { useQuery } from '@tanstack/react-query';
import { queries } from '../services/queries.js';

/**
 * An image stored by the API, by its id (`variant`: full or thumbnail). Read with the session's
 * token, so a private world's image shows to those who may see it; one that is gone says so.
 */
export default function StoredImage({ imageId, variant = 'full', alt, className = '' }) {
  const { data: src, isError } = useQuery({ ...queries.image(imageId, variant), enabled: !!imageId });
  if (!imageId) return null;
  if (isError)
    return (
      <div className={`stored-image image-missing ${className}`} role="img" aria-label={`${alt} (image unavailable)`}>
        <span className="muted small">Image unavailable</span>
      </div>
    );
  if (!src) return <div className={`stored-image image-loading ${className}`} aria-hidden="true" />;
  return <img className={`stored-image ${className}`} src={src} alt={alt} decoding="async" />;
}
